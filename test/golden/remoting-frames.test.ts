import { describe, expect, it } from 'vitest';
import { FrameDecoder } from '../../src/remoting/frame-decoder.js';
import { decodeCommand, encodeCommand, jsonHeaderText, type RemotingCommand } from '../../src/remoting/remoting-command.js';
import { LanguageCode } from '../../src/protocol/language-code.js';
import { SerializeType } from '../../src/protocol/serialize-type.js';
import { allFrames, loadFrame, type ManifestFrame } from '../support/fixtures.js';

const frames = allFrames();

function decodeCaptured(scenario: string, frame: ManifestFrame): RemotingCommand {
  const decoded = new FrameDecoder().push(loadFrame(scenario, frame.file));
  expect(decoded).toHaveLength(1);
  return decodeCommand(decoded[0] as Buffer);
}

function headerView(command: RemotingCommand) {
  return {
    code: command.code,
    language: command.language,
    version: command.version,
    opaque: command.opaque,
    flag: command.flag,
    remark: command.remark,
    extFields: command.extFields,
  };
}

describe('captured frames', () => {
  it('the fixture set is present', () => {
    expect(frames.length).toBeGreaterThan(1000);
  });

  it.each(frames.map(({ scenario, frame }) => [`${scenario}/${frame.file}`, scenario, frame] as const))(
    '%s decodes to its manifest view and re-encodes to a frame that reads back the same',
    (_name, scenario, frame) => {
      const command = decodeCaptured(scenario, frame);
      const { languageCode, otherJsonFields: _other, ...expectedHeader } = frame.header as typeof frame.header & { otherJsonFields?: unknown };
      expect(headerView(command)).toEqual(expectedHeader);
      if (languageCode !== undefined) expect(LanguageCode[command.language]).toBe(languageCode);
      expect(command.serializeType).toBe(SerializeType[frame.serializeType]);
      expect(command.body?.length ?? 0).toBe(frame.bodyLength);

      const reencoded = encodeCommand(command);
      const again = decodeCommand(reencoded.subarray(4));
      expect(headerView(again)).toEqual(headerView(command));
      expect(again.body ?? Buffer.alloc(0)).toEqual(command.body ?? Buffer.alloc(0));
      if (frame.headerJsonText !== undefined) {
        expect(jsonHeaderText(command)).toBe(frame.headerJsonText);
      }
      if (frame.serializeType === 'ROCKETMQ') {
        expect(reencoded).toEqual(loadFrame(scenario, frame.file));
      }
    },
  );
});
