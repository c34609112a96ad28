/**
 * UPDATE_BROKER_CONFIG (25): the body's settings take their new values and are persisted
 * to brokerConfigPath (broker-configuration.ts); answers as remoting/config-update-answer.ts.
 */
import { answerConfigUpdate } from '../../remoting/config-update-answer.js';
import type { BrokerHandler } from '../broker-context.js';

export const updateBrokerConfig: BrokerHandler = (context, request, connection) =>
  answerConfigUpdate(
    request,
    (properties) => context.configuration.update(properties),
    (outcome) => context.logger.info({ changed: outcome.changed, from: connection.remoteAddress }, 'broker config updated'),
  );
