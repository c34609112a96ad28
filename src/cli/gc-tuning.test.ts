import { describe, expect, it } from 'vitest';
import { gcFlagsFor } from './gc-tuning.js';

describe('gcFlagsFor', () => {
  it('keeps scavenges on the event-loop thread on machines of 1 or 2 cores', () => {
    expect(gcFlagsFor(1)).toEqual(['--no-parallel-scavenge']);
    expect(gcFlagsFor(2)).toEqual(['--no-parallel-scavenge']);
  });

  it("leaves V8's defaults on larger machines", () => {
    expect(gcFlagsFor(3)).toEqual([]);
    expect(gcFlagsFor(64)).toEqual([]);
  });
});
