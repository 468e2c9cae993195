// waitress adjustments (Adjustments._params) and their waitress-serve flags (Adjustments.parse_args:
// bool params get --name and --no-name, the rest --name=VALUE). Generated from
// /usr/lib/python3/dist-packages/waitress/adjustments.py (waitress 2.1.2); _params is unchanged in
// Pylons/waitress 3.0.2+ (4a37891).
import type { WaitressSetting } from './types.js';

export const WAITRESS_SETTINGS: readonly WaitressSetting[] = [
  { name: "host", type: "string", cli: ["--host"], default: "0.0.0.0" },
  { name: "port", type: "int", cli: ["--port"], default: 8080 },
  { name: "ipv4", type: "bool", cli: ["--ipv4", "--no-ipv4"], default: true },
  { name: "ipv6", type: "bool", cli: ["--ipv6", "--no-ipv6"], default: true },
  { name: "listen", type: "list", cli: ["--listen"], default: ["0.0.0.0:8080"] },
  { name: "threads", type: "int", cli: ["--threads"], default: 4 },
  { name: "trusted_proxy", type: "string", cli: ["--trusted-proxy"], default: null },
  { name: "trusted_proxy_count", type: "int", cli: ["--trusted-proxy-count"], default: null },
  { name: "trusted_proxy_headers", type: "list", cli: ["--trusted-proxy-headers"], default: [] },
  { name: "log_untrusted_proxy_headers", type: "bool", cli: ["--log-untrusted-proxy-headers", "--no-log-untrusted-proxy-headers"], default: false },
  { name: "clear_untrusted_proxy_headers", type: "bool", cli: ["--clear-untrusted-proxy-headers", "--no-clear-untrusted-proxy-headers"], default: null },
  { name: "url_scheme", type: "string", cli: ["--url-scheme"], default: "http" },
  { name: "url_prefix", type: "string", cli: ["--url-prefix"], default: "" },
  { name: "backlog", type: "int", cli: ["--backlog"], default: 1024 },
  { name: "recv_bytes", type: "int", cli: ["--recv-bytes"], default: 8192 },
  { name: "send_bytes", type: "int", cli: ["--send-bytes"], default: 1 },
  { name: "outbuf_overflow", type: "int", cli: ["--outbuf-overflow"], default: 1048576 },
  { name: "outbuf_high_watermark", type: "int", cli: ["--outbuf-high-watermark"], default: 16777216 },
  { name: "inbuf_overflow", type: "int", cli: ["--inbuf-overflow"], default: 524288 },
  { name: "connection_limit", type: "int", cli: ["--connection-limit"], default: 100 },
  { name: "cleanup_interval", type: "int", cli: ["--cleanup-interval"], default: 30 },
  { name: "channel_timeout", type: "int", cli: ["--channel-timeout"], default: 120 },
  { name: "log_socket_errors", type: "bool", cli: ["--log-socket-errors", "--no-log-socket-errors"], default: true },
  { name: "max_request_header_size", type: "int", cli: ["--max-request-header-size"], default: 262144 },
  { name: "max_request_body_size", type: "int", cli: ["--max-request-body-size"], default: 1073741824 },
  { name: "expose_tracebacks", type: "bool", cli: ["--expose-tracebacks", "--no-expose-tracebacks"], default: false },
  { name: "ident", type: "string", cli: ["--ident"], default: "waitress" },
  { name: "asyncore_loop_timeout", type: "int", cli: ["--asyncore-loop-timeout"], default: 1 },
  { name: "asyncore_use_poll", type: "bool", cli: ["--asyncore-use-poll", "--no-asyncore-use-poll"], default: false },
  { name: "unix_socket", type: "string", cli: ["--unix-socket"], default: null },
  { name: "unix_socket_perms", type: "int", cli: ["--unix-socket-perms"], octal: true, default: 384 },
  { name: "sockets", type: "list", cli: [], default: [] },
  { name: "channel_request_lookahead", type: "int", cli: ["--channel-request-lookahead"], default: 0 },
  { name: "server_name", type: "string", cli: ["--server-name"], default: "waitress.invalid" },
];
