/**
 * END_TRANSACTION (37), oneway from a producer to the broker holding a half message: the
 * outcome of the local transaction (commit, rollback or not known), after the send or as
 * the answer to the broker's CHECK_TRANSACTION_STATE. The remark carries the text of the
 * local transaction's error, if any; the broker answers nothing.
 */
import { EndTransactionRequestHeader } from '../../protocol/headers/end-transaction-request-header.js';
import { RequestCode } from '../../protocol/request-code.js';
import { headerFields, type ClientRemoting } from './client-remoting.js';

export function endTransactionOneway(remoting: ClientRemoting, address: string, header: EndTransactionRequestHeader, remark: string | null): Promise<void> {
  return remoting.invokeOneway(address, RequestCode.END_TRANSACTION, { extFields: headerFields(EndTransactionRequestHeader, header), remark });
}
