/**
 * UPDATE_NAMESRV_CONFIG (318): the body's settings take their new values and are persisted
 * to configStorePath (namesrv-configuration.ts); answers as remoting/config-update-answer.ts.
 */
import { answerConfigUpdate } from '../../remoting/config-update-answer.js';
import type { NamesrvHandler } from '../namesrv-context.js';

export const updateNamesrvConfig: NamesrvHandler = (context, request, connection) =>
  answerConfigUpdate(
    request,
    (properties) => context.configuration.update(properties),
    (_outcome, properties) => context.logger.info({ from: connection.remoteAddress, keys: [...properties.keys()] }, 'name server config updated'),
  );
