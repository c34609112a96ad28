/**
 * Graceful stop for the commands: the first SIGINT or SIGTERM runs `stop` and exits 0
 * when it is done (1 if it failed); a second signal exits at once.
 */
export function stopOnSignal(stop: () => Promise<void>, log: (line: string) => void = (line) => console.log(line)): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      log(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    log(`${signal} received, shutting down...`);
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
