/**
 * What the server commands (mqnamesrv, mqbroker) share on the command line: stopping with
 * a message and an exit code, parsing the arguments or printing the usage, and reading the
 * `-c` properties file (saying so, as RocketMQ's commands do).
 */
import { readFileSync } from 'node:fs';
import { parseProperties } from '../common/properties-file.js';

/** Prints `message` to stderr and exits with `exitCode`. */
export function fail(message: string, exitCode = 1): never {
  console.error(message);
  process.exit(exitCode);
}

/** The parsed arguments of this process, or exit 1 with the problem and the usage. */
export function readArgs<A>(parse: (argv: string[]) => A, usage: string): A {
  try {
    return parse(process.argv.slice(2));
  } catch (error) {
    return fail(`${(error as Error).message}\n${usage}`);
  }
}

/** The settings of a properties file, or exit 1 saying why it cannot be read. */
export function readConfigFile(file: string): Map<string, string> {
  try {
    const properties = parseProperties(readFileSync(file, 'utf8'));
    console.log(`load config properties file OK, ${file}`);
    return properties;
  } catch (error) {
    return fail(`cannot load config file ${file}: ${(error as Error).message}`);
  }
}
