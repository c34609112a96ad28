/**
 * RegisterMessageFilterClassRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of REGISTER_MESSAGE_FILTER_CLASS (302).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | consumerGroup | string | yes | consumer group |
 * | topic | string | yes | topic |
 * | className | string | yes | filter class |
 * | classCRC | int | yes | CRC of the class source |
 */
import { defineHeader, required, type HeaderOf } from './header-codec.js';

export const RegisterMessageFilterClassRequestHeader = defineHeader('RegisterMessageFilterClassRequestHeader', {
  consumerGroup: required('string'),
  topic: required('string'),
  className: required('string'),
  classCRC: required('int'),
});
export type RegisterMessageFilterClassRequestHeader = HeaderOf<typeof RegisterMessageFilterClassRequestHeader.schema>;
