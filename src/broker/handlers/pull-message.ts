/**
 * PULL_MESSAGE (11) and LITE_PULL_MESSAGE (361, 5.x lite pull consumers): read a queue
 * from an offset with the consumer's filter; a pull that finds nothing may be parked until
 * a message arrives (long polling). See pull/pull-processor.ts. The VIP channel does not
 * serve these codes (handlers/index.ts).
 */
import type { BrokerHandler } from '../broker-context.js';
import { processPull } from '../pull/pull-processor.js';

export const pullMessage: BrokerHandler = (context, request, connection) => processPull(context, request, connection, true);
