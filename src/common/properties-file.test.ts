import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PropertiesSyntaxError, formatProperties, parseProperties } from './properties-file.js';

const entries = (text: string): [string, string][] => [...parseProperties(text)];

describe('parseProperties', () => {
  it('reads key=value, key:value and key value, with white space around the separator', () => {
    expect(entries('a=1\nb:2\nc 3\nd   =   4\n  e\t:\t5\nf=\ng')).toEqual([
      ['a', '1'],
      ['b', '2'],
      ['c', '3'],
      ['d', '4'],
      ['e', '5'],
      ['f', ''],
      ['g', ''],
    ]);
  });

  it('takes only the first separator: the rest belongs to the value', () => {
    expect(entries('a==b\nc = = d\nurl=http://x:80/?q=1')).toEqual([
      ['a', '=b'],
      ['c', '= d'],
      ['url', 'http://x:80/?q=1'],
    ]);
  });

  it('skips # and ! comments and blank lines, and a comment never continues', () => {
    expect(entries('# comment\n! other \\\n\n   \nlistenPort=9876\n  # indented comment\n')).toEqual([['listenPort', '9876']]);
  });

  it('joins lines ending in an odd number of backslashes and drops the next line\'s indent', () => {
    expect(entries('list=a,\\\n    b,\\\n    c\npath=C:\\\\dir\\\\\nnext=1')).toEqual([
      ['list', 'a,b,c'],
      ['path', 'C:\\dir\\'],
      ['next', '1'],
    ]);
  });

  it('treats # at the start of a continuation line as text, and a blank continuation as the end', () => {
    expect(entries('a=x\\\n#y\nb=1\\\n\nc=2')).toEqual([
      ['a', 'x#y'],
      ['b', '1'],
      ['c', '2'],
    ]);
  });

  it('reads \\r\\n and lone \\r line ends', () => {
    expect(entries('a=1\r\nb=2\rc=3')).toEqual([
      ['a', '1'],
      ['b', '2'],
      ['c', '3'],
    ]);
  });

  it('unescapes \\t \\n \\r \\f \\uXXXX and any other escaped character, in keys and values', () => {
    expect(entries('k\\ e\\=y\\:=v\\t\\n\\u00e9\\x\\\\')).toEqual([['k e=y:', 'v\t\né' + 'x\\']]);
  });

  it('keeps the last value of a repeated key', () => {
    expect(entries('a=1\nb=2\na=3')).toEqual([
      ['a', '3'],
      ['b', '2'],
    ]);
  });

  it('drops a backslash at the very end of the text', () => {
    expect(entries('a=1\\')).toEqual([['a', '1']]);
  });

  it('rejects a malformed \\u escape', () => {
    expect(() => parseProperties('a=\\u12g4')).toThrow(PropertiesSyntaxError);
  });
});

describe('formatProperties', () => {
  it('writes ordinary settings exactly as RocketMQ prints them', () => {
    expect(formatProperties([
      ['listenPort', '9876'],
      ['kvConfigPath', '/home/rocketmq/namesrv/kvConfig.json'],
      ['url', 'http://x:80/?q=1#frag'],
    ])).toBe('listenPort=9876\nkvConfigPath=/home/rocketmq/namesrv/kvConfig.json\nurl=http://x:80/?q=1#frag\n');
  });

  it('escapes what would read back differently', () => {
    expect(formatProperties([['#a b=c:', ' x\\y\nz\u0001']])).toBe('\\#a\\ b\\=c\\:=\\ x\\\\y\\nz\\u0001\n');
  });

  it('round-trips any keys and values', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(fc.string(), fc.string()), { selector: ([key]) => key }), (pairs) => {
        const nonEmpty = pairs.filter(([key]) => key !== '');
        expect([...parseProperties(formatProperties(nonEmpty))]).toEqual(nonEmpty);
      }),
    );
  });
});
