/** GET_NAMESRV_CONFIG (319): every setting as properties text (`key=value` lines). */
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { NamesrvHandler } from '../namesrv-context.js';

export const getNamesrvConfig: NamesrvHandler = (context, request) =>
  createResponse(request, ResponseCode.SUCCESS, { body: Buffer.from(context.configuration.format(), 'utf8') });
