import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { crc32, deflateRaw } from 'node:zlib';

const deflate = promisify(deflateRaw);

/**
 * A ZIP archive (PKWARE APPNOTE 6.3, the subset every unzip reads: deflate, UTF-8 names, no ZIP64)
 * written as a stream: each file is compressed on its own as it arrives and sent on, so only one
 * file is in memory at a time. Node's zlib does the compression and the CRC-32; an archive past
 * the format's 4 GiB or 65 535 files without ZIP64 is refused rather than written wrong.
 */
export interface ZipEntry {
  path: string;
  data: Buffer;
}

const UTF8_NAMES = 0x0800;
const DEFLATE = 8;
const VERSION = 20;
const MAX_32 = 0xffffffff;

/** MS-DOS date and time (the format's), of the instant in Seoul. */
function dosTime(at: Date): { time: number; date: number } {
  const seoul = new Date(at.getTime() + 9 * 3_600_000);
  return {
    time: (seoul.getUTCHours() << 11) | (seoul.getUTCMinutes() << 5) | Math.floor(seoul.getUTCSeconds() / 2),
    date: ((Math.max(seoul.getUTCFullYear(), 1980) - 1980) << 9) | ((seoul.getUTCMonth() + 1) << 5) | seoul.getUTCDate(),
  };
}

interface Written {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

/** The archive of `entries` (in that order), as a stream of bytes. */
export function zipStream(entries: AsyncIterable<ZipEntry> | Iterable<ZipEntry>, modifiedAt: Date): Readable {
  const { time, date } = dosTime(modifiedAt);
  async function* archive(): AsyncGenerator<Buffer> {
    const written: Written[] = [];
    const names = new Set<string>();
    let offset = 0;
    for await (const entry of entries) {
      if (names.has(entry.path) || entry.path.startsWith('/') || entry.path.split('/').includes('..'))
        throw new Error(`bad or repeated path in the archive: ${entry.path}`);
      names.add(entry.path);
      const name = Buffer.from(entry.path, 'utf8');
      const body = await deflate(entry.data);
      const crc = crc32(entry.data);
      const header = Buffer.alloc(30);
      header.writeUInt32LE(0x04034b50, 0);
      header.writeUInt16LE(VERSION, 4);
      header.writeUInt16LE(UTF8_NAMES, 6);
      header.writeUInt16LE(DEFLATE, 8);
      header.writeUInt16LE(time, 10);
      header.writeUInt16LE(date, 12);
      header.writeUInt32LE(crc, 14);
      header.writeUInt32LE(body.length, 18);
      header.writeUInt32LE(entry.data.length, 22);
      header.writeUInt16LE(name.length, 26);
      header.writeUInt16LE(0, 28);
      written.push({ name, crc, compressed: body.length, size: entry.data.length, offset });
      offset += header.length + name.length + body.length;
      if (offset > MAX_32 || written.length > 0xffff) throw new Error('the archive is too large for a ZIP without ZIP64');
      yield Buffer.concat([header, name]);
      yield body;
    }
    const directoryStart = offset;
    for (const file of written) {
      const header = Buffer.alloc(46);
      header.writeUInt32LE(0x02014b50, 0);
      header.writeUInt16LE((3 << 8) | VERSION, 4); // made by: Unix, 2.0 (so the mode below is read)
      header.writeUInt16LE(VERSION, 6);
      header.writeUInt16LE(UTF8_NAMES, 8);
      header.writeUInt16LE(DEFLATE, 10);
      header.writeUInt16LE(time, 12);
      header.writeUInt16LE(date, 14);
      header.writeUInt32LE(file.crc, 16);
      header.writeUInt32LE(file.compressed, 20);
      header.writeUInt32LE(file.size, 24);
      header.writeUInt16LE(file.name.length, 28);
      // extra, comment, disk number, internal attributes: 0
      header.writeUInt32LE((0o100644 << 16) >>> 0, 38); // a regular file, rw-r--r--
      header.writeUInt32LE(file.offset, 42);
      offset += header.length + file.name.length;
      yield Buffer.concat([header, file.name]);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(written.length, 8);
    end.writeUInt16LE(written.length, 10);
    end.writeUInt32LE(offset - directoryStart, 12);
    end.writeUInt32LE(directoryStart, 16);
    if (offset > MAX_32) throw new Error('the archive is too large for a ZIP without ZIP64');
    yield end;
  }
  return Readable.from(archive(), { objectMode: false });
}
