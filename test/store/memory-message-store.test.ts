import { MemoryMessageStore } from '../../src/store/memory-message-store.js';
import { messageStoreConformance } from './conformance.js';

messageStoreConformance('MemoryMessageStore', async (overrides) => {
  const store = new MemoryMessageStore(overrides);
  await store.start();
  return store;
});
