/** Used share (0..1) of the file system holding `path`, from statfs; 0 when it cannot be read. */
import { statfs } from 'node:fs/promises';

export async function diskUsedRatio(path: string): Promise<number> {
  try {
    const stats = await statfs(path);
    if (stats.blocks === 0) return 0;
    return (stats.blocks - stats.bfree) / stats.blocks;
  } catch {
    return 0;
  }
}
