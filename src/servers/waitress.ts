// waitress adjustments (Adjustments._params), their converters and waitress-serve options by version.
// GENERATED FILE, do not edit: a data file, longer than the usual 300 lines. Regenerate with
//   /usr/bin/python3 scripts/servers/generate.py --gunicorn-git <benoitc/gunicorn> --uvicorn-git <Kludex/uvicorn> --uvicorn-worker-git <Kludex/uvicorn-worker> --waitress-git <Pylons/waitress>
// from the releases 2.1.2 … 3.0.2 (4 tags) and main@4a37891 (Pylons/waitress 4a37891 (unreleased, after v3.0.2)).
// How to read it: src/servers/README.md. Facts derived from the servers' sources; no source is copied.
import type { WaitressCatalogue } from './types.js';

export const WAITRESS: WaitressCatalogue = {
  server: "waitress",
  versions: [
    {
      version: "2.1.2",
      source: "Pylons/waitress tag v2.1.2; Debian python3-waitress 2.1.2-2+deb12u1 has the same files",
      released: true,
      debian: true,
    },
    { version: "3.0.0", source: "Pylons/waitress tag v3.0.0", released: true },
    { version: "3.0.1", source: "Pylons/waitress tag v3.0.1", released: true },
    { version: "3.0.2", source: "Pylons/waitress tag v3.0.2", released: true },
    { version: "main@4a37891", source: "Pylons/waitress 4a37891 (unreleased, after v3.0.2)", released: false },
  ],
  settings: [
    {
      name: "host",
      spans: [{ since: "2.1.2" }],
      forms: [
        { since: "2.1.2", flags: ["--host"], env: [], type: "string", validator: "str", default: { expr: "_str_marker('0.0.0.0')", value: "0.0.0.0" } },
      ],
    },
    {
      name: "port",
      spans: [{ since: "2.1.2" }],
      forms: [
        { since: "2.1.2", flags: ["--port"], env: [], type: "int", validator: "int", default: { expr: "_int_marker(8080)", value: 8080 } },
      ],
    },
    {
      name: "ipv4",
      spans: [{ since: "2.1.2" }],
      forms: [
        { since: "2.1.2", flags: ["--ipv4", "--no-ipv4"], env: [], type: "bool", validator: "asbool", falseFlags: ["--no-ipv4"], default: { value: true } },
      ],
    },
    {
      name: "ipv6",
      spans: [{ since: "2.1.2" }],
      forms: [
        { since: "2.1.2", flags: ["--ipv6", "--no-ipv6"], env: [], type: "bool", validator: "asbool", falseFlags: ["--no-ipv6"], default: { value: true } },
      ],
    },
    {
      name: "listen",
      spans: [{ since: "2.1.2" }],
      forms: [
        { since: "2.1.2", flags: ["--listen"], env: [], type: "list", validator: "aslist", default: { expr: "[f'{host}:{port}']", value: ["0.0.0.0:8080"] } },
      ],
    },
    {
      name: "threads",
      spans: [{ since: "2.1.2" }],
      forms: [{ since: "2.1.2", flags: ["--threads"], env: [], type: "int", validator: "int", default: { value: 4 } }],
    },
    {
      name: "trusted_proxy",
      spans: [{ since: "2.1.2" }],
      forms: [
        { since: "2.1.2", flags: ["--trusted-proxy"], env: [], type: "string", validator: "str_iftruthy", default: { value: null } },
      ],
    },
    {
      name: "trusted_proxy_count",
      spans: [{ since: "2.1.2" }],
      forms: [
        { since: "2.1.2", flags: ["--trusted-proxy-count"], env: [], type: "int", validator: "int", default: { value: null } },
      ],
    },
    {
      name: "trusted_proxy_headers",
      spans: [{ since: "2.1.2" }],
      forms: [
        { since: "2.1.2", flags: ["--trusted-proxy-headers"], env: [], type: "list", validator: "asset", default: { expr: "set()", value: [] } },
      ],
    },
    {
      name: "log_untrusted_proxy_headers",
      spans: [{ since: "2.1.2" }],
      forms: [
        { since: "2.1.2", flags: ["--log-untrusted-proxy-headers", "--no-log-untrusted-proxy-headers"], env: [], type: "bool", validator: "asbool", falseFlags: ["--no-log-untrusted-proxy-headers"], default: { value: false } },
      ],
    },
    {
      name: "clear_untrusted_proxy_headers",
      spans: [{ since: "2.1.2" }],
      forms: [
        { since: "2.1.2", flags: ["--clear-untrusted-proxy-headers", "--no-clear-untrusted-proxy-headers"], env: [], type: "bool", validator: "asbool", falseFlags: ["--no-clear-untrusted-proxy-headers"], default: { expr: "_bool_marker", value: false } },
        { since: "3.0.0", flags: ["--clear-untrusted-proxy-headers", "--no-clear-untrusted-proxy-headers"], env: [], type: "bool", validator: "asbool", falseFlags: ["--no-clear-untrusted-proxy-headers"], default: { value: true } },
      ],
    },
    {
      name: "url_scheme",
      spans: [{ since: "2.1.2" }],
      forms: [
        { since: "2.1.2", flags: ["--url-scheme"], env: [], type: "string", validator: "str", default: { value: "http" } },
      ],
    },
    {
      name: "url_prefix",
      spans: [{ since: "2.1.2" }],
      forms: [
        { since: "2.1.2", flags: ["--url-prefix"], env: [], type: "string", validator: "slash_fixed_str", default: { value: "" } },
      ],
    },
    {
      name: "backlog",
      spans: [{ since: "2.1.2" }],
      forms: [{ since: "2.1.2", flags: ["--backlog"], env: [], type: "int", validator: "int", default: { value: 1024 } }],
    },
    {
      name: "recv_bytes",
      spans: [{ since: "2.1.2" }],
      forms: [{ since: "2.1.2", flags: ["--recv-bytes"], env: [], type: "int", validator: "int", default: { value: 8192 } }],
    },
    {
      name: "send_bytes",
      spans: [{ since: "2.1.2" }],
      forms: [{ since: "2.1.2", flags: ["--send-bytes"], env: [], type: "int", validator: "int", default: { value: 1 } }],
    },
    {
      name: "outbuf_overflow",
      spans: [{ since: "2.1.2" }],
      forms: [
        { since: "2.1.2", flags: ["--outbuf-overflow"], env: [], type: "int", validator: "int", default: { value: 1048576 } },
      ],
    },
    {
      name: "outbuf_high_watermark",
      spans: [{ since: "2.1.2" }],
      forms: [
        { since: "2.1.2", flags: ["--outbuf-high-watermark"], env: [], type: "int", validator: "int", default: { value: 16777216 } },
      ],
    },
    {
      name: "inbuf_overflow",
      spans: [{ since: "2.1.2" }],
      forms: [
        { since: "2.1.2", flags: ["--inbuf-overflow"], env: [], type: "int", validator: "int", default: { value: 524288 } },
      ],
    },
    {
      name: "connection_limit",
      spans: [{ since: "2.1.2" }],
      forms: [
        { since: "2.1.2", flags: ["--connection-limit"], env: [], type: "int", validator: "int", default: { value: 100 } },
      ],
    },
    {
      name: "cleanup_interval",
      spans: [{ since: "2.1.2" }],
      forms: [
        { since: "2.1.2", flags: ["--cleanup-interval"], env: [], type: "int", validator: "int", default: { value: 30 } },
      ],
    },
    {
      name: "channel_timeout",
      spans: [{ since: "2.1.2" }],
      forms: [
        { since: "2.1.2", flags: ["--channel-timeout"], env: [], type: "int", validator: "int", default: { value: 120 } },
      ],
    },
    {
      name: "log_socket_errors",
      spans: [{ since: "2.1.2" }],
      forms: [
        { since: "2.1.2", flags: ["--log-socket-errors", "--no-log-socket-errors"], env: [], type: "bool", validator: "asbool", falseFlags: ["--no-log-socket-errors"], default: { value: true } },
      ],
    },
    {
      name: "max_request_header_size",
      spans: [{ since: "2.1.2" }],
      forms: [
        { since: "2.1.2", flags: ["--max-request-header-size"], env: [], type: "int", validator: "int", default: { value: 262144 } },
      ],
    },
    {
      name: "max_request_body_size",
      spans: [{ since: "2.1.2" }],
      forms: [
        { since: "2.1.2", flags: ["--max-request-body-size"], env: [], type: "int", validator: "int", default: { value: 1073741824 } },
      ],
    },
    {
      name: "expose_tracebacks",
      spans: [{ since: "2.1.2" }],
      forms: [
        { since: "2.1.2", flags: ["--expose-tracebacks", "--no-expose-tracebacks"], env: [], type: "bool", validator: "asbool", falseFlags: ["--no-expose-tracebacks"], default: { value: false } },
      ],
    },
    {
      name: "ident",
      spans: [{ since: "2.1.2" }],
      forms: [
        { since: "2.1.2", flags: ["--ident"], env: [], type: "string", validator: "str_iftruthy", default: { value: "waitress" } },
      ],
    },
    {
      name: "asyncore_loop_timeout",
      spans: [{ since: "2.1.2" }],
      forms: [
        { since: "2.1.2", flags: ["--asyncore-loop-timeout"], env: [], type: "int", validator: "int", default: { value: 1 } },
      ],
    },
    {
      name: "asyncore_use_poll",
      spans: [{ since: "2.1.2" }],
      forms: [
        { since: "2.1.2", flags: ["--asyncore-use-poll", "--no-asyncore-use-poll"], env: [], type: "bool", validator: "asbool", falseFlags: ["--no-asyncore-use-poll"], default: { value: false } },
      ],
    },
    {
      name: "unix_socket",
      spans: [{ since: "2.1.2" }],
      forms: [
        { since: "2.1.2", flags: ["--unix-socket"], env: [], type: "string", validator: "str", default: { value: null } },
      ],
    },
    {
      name: "unix_socket_perms",
      spans: [{ since: "2.1.2" }],
      forms: [
        { since: "2.1.2", flags: ["--unix-socket-perms"], env: [], type: "int", validator: "asoctal", default: { value: 384 } },
      ],
    },
    {
      name: "sockets",
      spans: [{ since: "2.1.2" }],
      forms: [
        { since: "2.1.2", flags: ["--sockets"], env: [], type: "list", validator: "as_socket_list", default: { value: [] } },
      ],
    },
    {
      name: "channel_request_lookahead",
      spans: [{ since: "2.1.2" }],
      forms: [
        { since: "2.1.2", flags: ["--channel-request-lookahead"], env: [], type: "int", validator: "int", default: { value: 0 } },
      ],
    },
    {
      name: "server_name",
      spans: [{ since: "2.1.2" }],
      forms: [
        { since: "2.1.2", flags: ["--server-name"], env: [], type: "string", validator: "str", default: { value: "waitress.invalid" } },
      ],
    },
  ],
  options: [
    { name: "--help", spans: [{ since: "2.1.2" }], forms: [{ since: "2.1.2", flags: ["--help"], takesValue: false }] },
    { name: "--call", spans: [{ since: "2.1.2" }], forms: [{ since: "2.1.2", flags: ["--call"], takesValue: false }] },
    {
      name: "--app",
      spans: [{ since: "main@4a37891" }],
      forms: [{ since: "main@4a37891", flags: ["--app"], takesValue: true }],
    },
  ],
  validators: {
    as_socket_list: [{ since: "2.1.2", fingerprint: "869f68b6d7" }],
    asbool: [{ since: "2.1.2", fingerprint: "0c04ed4273" }],
    aslist: [{ since: "2.1.2", fingerprint: "a75e290f8a" }],
    asoctal: [{ since: "2.1.2", fingerprint: "d745a263f9" }],
    asset: [{ since: "2.1.2", fingerprint: "25a5f6dbce" }],
    slash_fixed_str: [{ since: "2.1.2", fingerprint: "5b6b62da88" }],
    str_iftruthy: [{ since: "2.1.2", fingerprint: "78185008b5" }],
  },
};
