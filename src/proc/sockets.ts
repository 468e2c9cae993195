// Sockets of a process: the inodes its file descriptors hold (/proc/PID/fd → "socket:[N]") matched
// against the tables of its network namespace (/proc/PID/net/tcp, tcp6, unix). Read-only.
import { endianness } from 'node:os';
import { listProcDir, readProcFile, readProcLink, type ProcRead } from './access.js';

// include/net/tcp_states.h
const TCP_STATES: Record<number, string> = { 1: 'ESTABLISHED', 2: 'SYN_SENT', 3: 'SYN_RECV', 4: 'FIN_WAIT1', 5: 'FIN_WAIT2', 6: 'TIME_WAIT', 7: 'CLOSE', 8: 'CLOSE_WAIT', 9: 'LAST_ACK', 10: 'LISTEN', 11: 'CLOSING' };
// include/linux/net.h: a unix socket listen() was called on carries __SO_ACCEPTCON in its flags.
const SO_ACCEPTCON = 0x10000;

export interface TcpSocket {
  proto: 'tcp' | 'tcp6';
  local: { address: string; port: number };
  remote: { address: string; port: number };
  state: string;
  /** For a LISTEN socket, connections waiting to be accepted (sk_ack_backlog); else unread bytes. */
  rxQueue: number;
  /** 0 for a connection no process holds yet (in a listener's accept queue) or one in TIME_WAIT. */
  inode: number;
}

export interface UnixSocket {
  proto: 'unix';
  path: string;
  listening: boolean;
  /** 01 unconnected, 03 connected (include/uapi/linux/net.h socket_state). */
  connected: boolean;
  inode: number;
}

/** One 32-bit word of an address as the kernel prints it (%08X of the word in host byte order). */
function wordBytes(hex: string): number[] {
  const n = parseInt(hex, 16);
  const b = [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
  return endianness() === 'LE' ? b.reverse() : b;
}

/** "0100007F:1F90" → 127.0.0.1:8080; 32 hex digits → an IPv6 address in its short form. (Pure.) */
export function decodeAddress(text: string): { address: string; port: number } {
  const [hex, port] = text.split(':') as [string, string];
  const bytes = (hex.match(/.{8}/g) ?? []).flatMap(wordBytes);
  return { address: bytes.length === 4 ? bytes.join('.') : ipv6(bytes), port: parseInt(port, 16) };
}

function ipv6(b: number[]): string {
  if (b.slice(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff) return `::ffff:${b.slice(12).join('.')}`;
  const groups = Array.from({ length: 8 }, (_, i) => ((b[2 * i]! << 8) | b[2 * i + 1]!).toString(16));
  // RFC 5952: the longest run of two or more zero groups becomes "::".
  let best = -1;
  let len = 0;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > len && j - i > 1) [best, len] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  if (best < 0) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + len).join(':')}`;
}

/** Rows of /proc/PID/net/tcp or tcp6. (Pure.) */
export function parseNetTcp(text: string, proto: 'tcp' | 'tcp6'): TcpSocket[] {
  const out: TcpSocket[] = [];
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10) continue;
    const [, rx] = f[4]!.split(':');
    out.push({ proto, local: decodeAddress(f[1]!), remote: decodeAddress(f[2]!), state: TCP_STATES[parseInt(f[3]!, 16)] ?? f[3]!, rxQueue: parseInt(rx ?? '0', 16), inode: Number(f[9]) });
  }
  return out;
}

/** Rows of /proc/PID/net/unix: Num RefCount Protocol Flags Type St Inode [Path]. (Pure.) */
export function parseNetUnix(text: string): UnixSocket[] {
  const out: UnixSocket[] = [];
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(' ').filter(Boolean);
    if (f.length < 7) continue;
    out.push({ proto: 'unix', path: f.slice(7).join(' '), listening: (parseInt(f[3]!, 16) & SO_ACCEPTCON) !== 0, connected: f[5] === '03', inode: Number(f[6]) });
  }
  return out;
}

/** Inodes of the sockets the process's file descriptors hold, and how many descriptors it has open. */
export function socketInodes(pid: number): ProcRead<{ inodes: number[]; fds: number }> {
  const dir = listProcDir(pid, 'fd');
  if (!dir.ok) return dir;
  const inodes: number[] = [];
  for (const fd of dir.value) {
    const link = readProcLink(pid, `fd/${fd}`); // a descriptor closed meanwhile is skipped
    const m = link.ok ? /^socket:\[(\d+)\]$/.exec(link.value) : null;
    if (m) inodes.push(Number(m[1]));
  }
  return { ok: true, value: { inodes, fds: dir.value.length } };
}

/** Every TCP and unix socket of the network namespace `pid` is in, by inode (0: not held by anyone). */
export function netTables(pid: number): { tcp: TcpSocket[]; unix: UnixSocket[] } {
  const read = (name: string) => {
    const r = readProcFile(pid, `net/${name}`);
    return r.ok ? r.value : ''; // a kernel without IPv6 has no tcp6
  };
  return { tcp: [...parseNetTcp(read('tcp'), 'tcp'), ...parseNetTcp(read('tcp6'), 'tcp6')], unix: parseNetUnix(read('unix')) };
}

/** The network namespace of a process ("net:[4026531840]"), to read each namespace's tables once. */
export function netNamespace(pid: number): string | null {
  const r = readProcLink(pid, 'ns/net');
  return r.ok ? r.value : null;
}
