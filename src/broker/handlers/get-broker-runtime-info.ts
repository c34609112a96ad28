/** GET_BROKER_RUNTIME_INFO (28): the broker's figures as a KVTable (stats/runtime-info.ts), with how far the schedule service delivered each delay level. */
import { encodeKVTable } from '../../protocol/bodies/kv-table.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { BrokerHandler } from '../broker-context.js';
import { brokerRuntimeInfo } from '../stats/runtime-info.js';

export const getBrokerRuntimeInfo: BrokerHandler = async (context, request) =>
  createResponse(request, ResponseCode.SUCCESS, { body: encodeKVTable({ table: await brokerRuntimeInfo(context, context.schedule.offsets.all()) }) });
