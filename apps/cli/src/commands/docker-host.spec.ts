import { SANDBOX_IMAGE, dockerSocketPath, ensureDockerHost, type DockerHostDeps } from './docker-host';

function fake(over: { engine: boolean; image?: boolean; root: boolean; failure?: string }): DockerHostDeps & { lines: string[]; runs: number; asked: string[] } {
  const d = {
    lines: [] as string[],
    runs: 0,
    asked: [] as string[],
    engineAnswers: async () => over.engine,
    imagePresent: async (image: string) => {
      d.asked.push(image);
      return over.image ?? false;
    },
    isRoot: () => over.root,
    runScript: async () => {
      d.runs++;
      return over.failure;
    },
    log: (line: string) => d.lines.push(line),
  };
  return d;
}

describe('ensureDockerHost', () => {
  it('leaves an answering engine that has the image alone', async () => {
    const d = fake({ engine: true, image: true, root: true });
    expect(await ensureDockerHost(d)).toBe('ready');
    expect(d.runs).toBe(0);
    expect(d.lines).toEqual([]);
    expect(d.asked).toEqual([SANDBOX_IMAGE]);
  });

  it('runs the script as root when no engine answers, with one progress line', async () => {
    const d = fake({ engine: false, root: true });
    expect(await ensureDockerHost(d)).toBe('prepared');
    expect(d.runs).toBe(1);
    expect(d.lines).toEqual([expect.stringMatching(/^starting Docker for the node agent \(scripts\/docker-host.sh/)]);
  });

  it('only builds the image when the engine answers without it, root or not', async () => {
    for (const root of [true, false]) {
      const d = fake({ engine: true, image: false, root });
      expect(await ensureDockerHost(d)).toBe('prepared');
      expect(d.runs).toBe(1);
      expect(d.lines).toEqual([`making the ${SANDBOX_IMAGE} image (scripts/docker-host.sh)`]);
    }
  });

  it('does not try without root and without an engine (the agent falls back to a simulated node)', async () => {
    const d = fake({ engine: false, root: false });
    expect(await ensureDockerHost(d)).toBe('needs-root');
    expect(d.runs).toBe(0);
  });

  it('reports a failing script in one line and does not throw', async () => {
    const d = fake({ engine: false, root: true, failure: 'docker-host: dockerd did not come up within 60 s' });
    expect(await ensureDockerHost(d)).toBe('failed');
    expect(d.lines[1]).toBe('scripts/docker-host.sh failed: docker-host: dockerd did not come up within 60 s');
  });
});

describe('dockerSocketPath', () => {
  it('follows DOCKER_HOST as the agent does', () => {
    expect(dockerSocketPath({})).toBe('/var/run/docker.sock');
    expect(dockerSocketPath({ DOCKER_HOST: 'unix:///tmp/d.sock' })).toBe('/tmp/d.sock');
    expect(dockerSocketPath({ DOCKER_HOST: 'tcp://10.0.0.1:2375' })).toBeUndefined();
  });
});
