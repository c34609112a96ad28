/**
 * `<storePathRootDir>/config/topics.json`: the broker's topic table in RocketMQ's shape,
 *
 *   {
 *   	"dataVersion":{"counter":6,"timestamp":1795540479297},
 *   	"topicConfigTable":{"TopicA":{"order":false,"perm":6,"readQueueNums":4,…},…}
 *   }
 *
 * written tab-indented as the Java broker writes it (fastjson pretty format), atomically
 * with the previous content kept in `topics.json.bak`. Reading is lenient (fastjson's
 * output, Java's tabs, unknown properties) and falls back to the .bak when the file is
 * missing, empty or does not parse; when a file exists and neither parses, loading fails
 * rather than start with an empty table and overwrite it.
 */
import { join } from 'node:path';
import { readFileOrBackup, writeFileAtomically } from '../../common/atomic-file.js';
import {
  decodeTopicConfigSerializeWrapper,
  topicConfigSerializeWrapperJson,
  type TopicConfigSerializeWrapper,
} from '../../protocol/bodies/topic-config-serialize-wrapper.js';

export function topicsFilePath(storePathRootDir: string): string {
  return join(storePathRootDir, 'config', 'topics.json');
}

export function encodeTopicsFile(wrapper: TopicConfigSerializeWrapper): string {
  return JSON.stringify(topicConfigSerializeWrapperJson(wrapper), null, '\t');
}

/** The table in `path` (or its .bak), or undefined when there is none yet. */
export function readTopicsFile(path: string): TopicConfigSerializeWrapper | undefined {
  return readFileOrBackup(path, (text) => decodeTopicConfigSerializeWrapper(text));
}

export function writeTopicsFile(path: string, wrapper: TopicConfigSerializeWrapper): void {
  writeFileAtomically(path, encodeTopicsFile(wrapper));
}
