import type { ChildProcess } from 'node:child_process';

type Task = () => unknown;

/** Registered steps, in registration order. */
const tasks: Task[] = [];

/**
 * Registers a teardown step (stop a server, remove a temp dir). Steps run
 * last-registered-first, once, on normal end, error, SIGINT and SIGTERM.
 * Returns a function that runs the step now and unregisters it.
 */
export function onCleanup(task: Task): () => Promise<void> {
  let done: Promise<void> | undefined;
  // Memoized: a step called directly and again by runCleanup() runs once,
  // and a second caller waits for the first run to finish.
  const once = () => (done ??= Promise.resolve().then(task).then(() => undefined));
  tasks.push(once);
  return () => {
    const i = tasks.indexOf(once);
    if (i >= 0) tasks.splice(i, 1);
    return once();
  };
}

/** Runs every registered step, reporting (not throwing) failures so the rest still run. */
export async function runCleanup(): Promise<void> {
  while (tasks.length > 0) {
    const task = tasks.pop()!;
    try {
      await task();
    } catch (err) {
      console.error(`cleanup: ${(err as Error).message}`);
    }
  }
}

/**
 * On SIGINT/SIGTERM, tears down before exiting, so an interrupted bench
 * leaves no etcd running and no temp data behind. A second signal exits at once.
 */
export function cleanupOnSignals(): void {
  let interrupted = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (interrupted) process.exit(130);
      interrupted = true;
      console.error(`\n${signal}: stopping, cleaning up...`);
      void runCleanup().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }
}

/**
 * Stops a child the bench started: SIGTERM, then SIGKILL if it has not exited
 * within 5 s. Resolves once `exited` (the child's exit) has settled.
 */
export async function terminate(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/**
 * Ties a spawned child to the bench's lifetime: resolves `exited` when it
 * ends (or fails to spawn), SIGKILLs it if the bench process exits first,
 * and registers stopping it with runCleanup(). Returns the idempotent stop
 * function and the exit promise.
 */
export function ownChild(child: ChildProcess): { stop: () => Promise<void>; exited: Promise<void> } {
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else {
      child.once('exit', () => resolve());
      // A failed spawn emits 'error' and may never emit 'exit'.
      child.once('error', () => resolve());
    }
  });
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.on('exit', killOnExit);
  const stop = onCleanup(async () => {
    process.off('exit', killOnExit);
    await terminate(child, exited);
  });
  return { stop, exited };
}
