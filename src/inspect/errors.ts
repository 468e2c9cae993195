// Why a process cannot be inspected: no such process, not a server, or /proc not ours to read. The CLI
// says it in one line and exits 2.
export class InspectError extends Error {
  override name = 'InspectError';
}
