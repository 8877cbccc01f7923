/**
 * Console errors that are the host's doing, not the page's: Chromium
 * aborts requests in flight with net::ERR_NETWORK_CHANGED whenever a
 * network interface comes or goes, which the Docker suites running beside
 * the dashboard's (containers, veth pairs, bridges) do all the time. The
 * page retries (its assertions still have to pass); such a line is not a
 * broken view.
 */
export const HOST_NETWORK_NOISE = /net::ERR_NETWORK_CHANGED/;
