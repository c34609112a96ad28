/**
 * Access to the captured wire fixtures and Java-written stores in ../shared/fixtures.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const sharedFixturesDir = resolve(projectRoot, '..', 'shared', 'fixtures');
export const remotingFixturesDir = join(sharedFixturesDir, 'remoting');

export interface ManifestHeader {
  code: number;
  language: string;
  languageCode?: number;
  version: number;
  opaque: number;
  flag: number;
  remark: string | null;
  extFields: Record<string, string> | null;
}

export interface StoredMessageView {
  storeSize: number;
  magicCode: string;
  bodyCRC: number;
  queueId: number;
  flag: number;
  queueOffset: number;
  commitLogOffset: number;
  sysFlag: number;
  bornTimestamp: number;
  bornHost: string;
  storeTimestamp: number;
  storeHost: string;
  reconsumeTimes: number;
  preparedTransactionOffset: number;
  topic: string;
  properties: Record<string, string>;
  offsetMsgId: string;
  compression: string | null;
  bodyLength: number;
  bodyUtf8?: string;
  bodyBase64?: string;
  bodyDecompressedUtf8?: string;
}

export interface ManifestFrame {
  index: number;
  file: string;
  direction: 'c2s' | 's2c';
  peer: 'namesrv' | 'broker';
  connection: number;
  frameLength: number;
  lengthPrefix: number;
  headerLength: number;
  serializeType: 'JSON' | 'ROCKETMQ';
  rpcType: 'request' | 'response';
  oneway: boolean;
  code: number;
  requestCode: number | null;
  opaque: number;
  flag: number;
  header: ManifestHeader;
  headerJsonText?: string;
  rocketmqHeaderLayout?: { remarkLength: number; extFieldsLength: number; extFieldsOrder: string[] };
  bodyLength: number;
  bodyFormat?: string;
  bodyText?: string;
  bodyJson?: unknown;
  messageSysFlag?: number;
  messageProperties?: Record<string, string>;
  bodyUtf8?: string;
  bodyBase64?: string;
  bodyDecompressedUtf8?: string;
  messages?: unknown[];
}

export interface Manifest {
  scenario: string;
  clientSerializeType: 'JSON' | 'ROCKETMQ';
  frames: ManifestFrame[];
}

export function scenarioNames(): string[] {
  return readdirSync(remotingFixturesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

export function loadManifest(scenario: string): Manifest {
  return JSON.parse(readFileSync(join(remotingFixturesDir, scenario, 'manifest.json'), 'utf8')) as Manifest;
}

/** The raw frame as captured, length prefix included. */
export function loadFrame(scenario: string, file: string): Buffer {
  return readFileSync(join(remotingFixturesDir, scenario, file));
}

export function allFrames(): { scenario: string; frame: ManifestFrame }[] {
  return scenarioNames().flatMap((scenario) => loadManifest(scenario).frames.map((frame) => ({ scenario, frame })));
}
