/**
 * Command line of `mqbroker`, with RocketMQ's flags:
 *
 *   -c, --configFile <file>         broker settings in Java properties format (broker.conf)
 *   -n, --namesrvAddr <addr>        name servers, `host:port;host:port` (over the file's namesrvAddr)
 *   -p, --printConfigItem           print every setting and exit
 *   -m, --printImportantConfig      print the main settings and exit
 *   -h, --help                      print this help and exit
 */

export interface MqbrokerArgs {
  configFile: string | null;
  namesrvAddr: string | null;
  printConfigItem: boolean;
  printImportantConfig: boolean;
  help: boolean;
}

export const MQBROKER_USAGE = [
  'usage: mqbroker [-c <arg>] [-h] [-m] [-n <arg>] [-p]',
  ' -c,--configFile <arg>       Broker config properties file',
  ' -h,--help                   Print help',
  ' -m,--printImportantConfig   Print important config item',
  ' -n,--namesrvAddr <arg>      Name server address list, eg: 192.168.0.1:9876;192.168.0.2:9876',
  ' -p,--printConfigItem        Print all config item',
].join('\n');

const WITH_VALUE: Record<string, 'configFile' | 'namesrvAddr'> = {
  '-c': 'configFile',
  '--configFile': 'configFile',
  '-n': 'namesrvAddr',
  '--namesrvAddr': 'namesrvAddr',
};

const FLAGS: Record<string, 'printConfigItem' | 'printImportantConfig' | 'help'> = {
  '-p': 'printConfigItem',
  '--printConfigItem': 'printConfigItem',
  '-m': 'printImportantConfig',
  '--printImportantConfig': 'printImportantConfig',
  '-h': 'help',
  '--help': 'help',
};

/** Parses the arguments; throws an Error whose message says what is wrong. */
export function parseMqbrokerArgs(argv: readonly string[]): MqbrokerArgs {
  const args: MqbrokerArgs = { configFile: null, namesrvAddr: null, printConfigItem: false, printImportantConfig: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const option = WITH_VALUE[arg];
    const flag = FLAGS[arg];
    if (option !== undefined) {
      const value = argv[++i];
      if (value === undefined) throw new Error(`Missing argument for option: ${arg.replace(/^-+/, '')}`);
      args[option] = value;
    } else if (flag !== undefined) {
      args[flag] = true;
    } else {
      throw new Error(`Unrecognized option: ${arg}`);
    }
  }
  return args;
}
