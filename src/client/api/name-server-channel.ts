/**
 * NameServerChannel: requests to "the" name server. The selector names the address in use;
 * when a request to it fails at the transport level (cannot connect, connection closed,
 * no answer in time) that address is marked failed and the same request goes to the next
 * one, each address at most once per call. A server's answer, whatever its code, ends the
 * call: name servers are expected to agree.
 */
import { MQClientError, ClientErrorCode, isTransportError } from '../errors.js';
import type { NameServerSelector } from '../name-server-selector.js';
import type { RemotingCommand } from '../../remoting/remoting-command.js';
import type { ClientRemoting, RequestParts } from './client-remoting.js';

export class NameServerChannel {
  constructor(
    private readonly remoting: ClientRemoting,
    readonly selector: NameServerSelector,
  ) {}

  /** Sends to the name server in use; returns the answer and the address that gave it. */
  async invoke(code: number, parts: RequestParts = {}): Promise<{ response: RemotingCommand; address: string }> {
    const attempts = this.selector.all.length;
    if (attempts === 0) {
      throw new MQClientError('CLIENT_NO_NAME_SERVER', 'no name server address is set (namesrvAddr or NAMESRV_ADDR)', {
        responseCode: ClientErrorCode.NO_NAME_SERVER_EXCEPTION,
      });
    }
    let lastError: unknown;
    for (let attempt = 0; attempt < attempts; attempt++) {
      const address = this.selector.current() as string;
      try {
        return { response: await this.remoting.invoke(address, code, parts), address };
      } catch (error) {
        if (!isTransportError(error)) throw error;
        this.selector.failed(address);
        lastError = error;
      }
    }
    throw lastError;
  }

  /** Sends to every name server (topic deletion); fails with the first error after trying all. */
  async invokeAll(code: number, parts: RequestParts = {}): Promise<{ response: RemotingCommand; address: string }[]> {
    const addresses = this.selector.all;
    const results = await Promise.allSettled(addresses.map((address) => this.remoting.invoke(address, code, parts)));
    return results.map((result, index) => {
      if (result.status === 'rejected') throw result.reason;
      return { response: result.value, address: addresses[index] as string };
    });
  }
}
