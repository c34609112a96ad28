/**
 * NameServer: the routing centre (RocketMQ NamesrvController) — the route registry and KV
 * table served over the remoting transport, with the housekeeping RocketMQ does:
 *
 * - a broker is removed at once when its connection closes, and by a scan every
 *   `scanNotActiveBrokerInterval` ms when it has not registered for 120 s (its connection
 *   is then closed);
 * - the KV table is loaded from `kvConfigPath` at start and written on every change.
 *
 *   const server = new NameServer();
 *   await server.start({ listenPort: 0, kvConfigPath: '/tmp/kv.json' });
 *   server.address;          // '127.0.0.1:40123'
 *   await server.shutdown();
 */
import { silentLogger, type Logger } from '../common/log.js';
import { RemotingClient } from '../remoting/client.js';
import type { RemotingConnection } from '../remoting/connection.js';
import { RemotingServer } from '../remoting/server.js';
import { namesrvHandlers } from './handlers/index.js';
import { KVConfigFile } from './kv-config-file.js';
import { KVConfigManager } from './kv-config-manager.js';
import { resolveNamesrvConfig, type NamesrvConfig } from './namesrv-config.js';
import { NamesrvConfiguration } from './namesrv-configuration.js';
import type { NamesrvContext } from './namesrv-context.js';
import { lookUpRoute, productEnvAddresses } from './product-env-lookup.js';
import { RouteBodyCache } from './route-body-cache.js';
import { RouteInfoManager } from './route-info-manager.js';

export interface NameServerOptions {
  logger?: Logger;
  /** Clock of the route registry (expiry); Date.now by default. */
  now?: () => number;
  /** Properties of the -c file that are not settings (shown by GET_NAMESRV_CONFIG). */
  extraProperties?: ReadonlyMap<string, string>;
}

interface Running {
  server: RemotingServer;
  context: NamesrvContext;
  scanTimer: NodeJS.Timeout;
  lookupClient: RemotingClient | null;
  address: string;
}

export class NameServer {
  private readonly logger: Logger;
  private running: Running | null = null;

  constructor(private readonly options: NameServerOptions = {}) {
    this.logger = options.logger ?? silentLogger;
  }

  /** Loads the KV table, listens, and starts the expiry scan. */
  async start(given: Partial<NamesrvConfig> = {}): Promise<void> {
    if (this.running) throw new Error('name server is already started');
    const config = resolveNamesrvConfig(given);
    const kv = new KVConfigManager(new KVConfigFile(config.kvConfigPath));
    kv.load();
    const routes = new RouteInfoManager(this.options.now ? { now: this.options.now } : {});
    const server = new RemotingServer({
      host: config.bindAddress,
      port: config.listenPort,
      logger: this.logger,
      idleTimeoutMs: config.serverChannelMaxIdleTimeSeconds * 1000,
    });
    const lookupClient = config.clusterTest ? new RemotingClient({ logger: this.logger }) : null;
    let ownAddress = '';
    const context: NamesrvContext = {
      routes,
      kv,
      configuration: new NamesrvConfiguration(config, this.options.extraProperties),
      routeBodies: new RouteBodyCache(),
      logger: this.logger,
      lookUpElsewhere: lookupClient
        ? (topic) => lookUpRoute(lookupClient, productEnvAddresses(process.env['NAMESRV_ADDR'], ownAddress), topic)
        : null,
    };
    for (const [code, handler] of namesrvHandlers) {
      server.registerHandler(code, (request, connection) => handler(context, request, connection));
    }
    server.onDisconnection((connection) => this.onDisconnection(routes, connection));
    const { host, port } = await server.listen();
    ownAddress = `${host}:${port}`;
    const scanTimer = setInterval(() => this.scanNotActiveBrokers(), config.scanNotActiveBrokerInterval).unref();
    this.running = { server, context, scanTimer, lookupClient, address: ownAddress };
    this.logger.info({ address: ownAddress, kvConfigPath: config.kvConfigPath }, 'name server started');
  }

  /** `host:port` the server listens on. */
  get address(): string {
    return this.started().address;
  }

  get port(): number {
    return this.started().server.address.port;
  }

  /** The live configuration (settings as changed by UPDATE_NAMESRV_CONFIG). */
  get config(): Readonly<NamesrvConfig> {
    return this.started().context.configuration.config;
  }

  /** The route registry, for in-process inspection. */
  get routes(): RouteInfoManager {
    return this.started().context.routes;
  }

  private started(): Running {
    if (!this.running) throw new Error('name server is not started');
    return this.running;
  }

  private onDisconnection(routes: RouteInfoManager, connection: RemotingConnection): void {
    const removed = routes.onConnectionClosed(connection.id, connection.remoteAddress);
    if (removed) this.logger.info({ broker: removed }, "the broker's connection closed, its routes are removed");
  }

  /** Drops brokers silent for 120 s and closes their connections. */
  scanNotActiveBrokers(): number {
    const running = this.started();
    const expired = running.context.routes.scanNotActiveBrokers();
    for (const { brokerAddr, connectionId } of expired) {
      this.logger.warn({ broker: brokerAddr }, 'the broker expired: no registration for 120 s');
      for (const connection of running.server.connections) if (connection.id === connectionId) connection.close();
    }
    return expired.length;
  }

  /** Stops the scan, answers or refuses what is in flight, and closes every connection. */
  async shutdown(): Promise<void> {
    const running = this.running;
    if (!running) return;
    this.running = null;
    clearInterval(running.scanTimer);
    await running.lookupClient?.shutdown();
    await running.server.close();
    this.logger.info({ address: running.address }, 'name server stopped');
  }
}
