/** The part of autocannon's API the benches use (the package ships no types). */
declare module 'autocannon' {
  interface AutocannonResult {
    requests: { average: number };
    non2xx: number;
    errors: number;
  }
  function autocannon(options: { url: string; connections?: number; duration?: number }): Promise<AutocannonResult>;
  export default autocannon;
}
