// uvicorn command-line options and Config arguments by version, and its gunicorn workers.
// GENERATED FILE, do not edit: a data file, longer than the usual 300 lines. Regenerate with
//   /usr/bin/python3 scripts/servers/generate.py --gunicorn-git <benoitc/gunicorn> --uvicorn-git <Kludex/uvicorn> --uvicorn-worker-git <Kludex/uvicorn-worker> --waitress-git <Pylons/waitress>
// from the releases 0.17.6 … 0.51.0 (59 tags).
// How to read it: src/servers/README.md. Facts derived from the servers' sources; no source is copied.
import type { UvicornCatalogue, UvicornWorkerCatalogue } from './types.js';

export const UVICORN: UvicornCatalogue = {
  server: "uvicorn",
  versions: [
    {
      version: "0.17.6",
      source: "Kludex/uvicorn tag 0.17.6; Debian python3-uvicorn 0.17.6-1 has the same files",
      released: true,
      debian: true,
    },
    { version: "0.18.0", source: "Kludex/uvicorn tag 0.18.0", released: true },
    { version: "0.18.1", source: "Kludex/uvicorn tag 0.18.1", released: true },
    { version: "0.18.2", source: "Kludex/uvicorn tag 0.18.2", released: true },
    { version: "0.18.3", source: "Kludex/uvicorn tag 0.18.3", released: true },
    { version: "0.19.0", source: "Kludex/uvicorn tag 0.19.0", released: true },
    { version: "0.20.0", source: "Kludex/uvicorn tag 0.20.0", released: true },
    { version: "0.21.0", source: "Kludex/uvicorn tag 0.21.0", released: true },
    { version: "0.21.1", source: "Kludex/uvicorn tag 0.21.1", released: true },
    { version: "0.22.0", source: "Kludex/uvicorn tag 0.22.0", released: true },
    { version: "0.23.0", source: "Kludex/uvicorn tag 0.23.0", released: true },
    { version: "0.23.1", source: "Kludex/uvicorn tag 0.23.1", released: true },
    { version: "0.23.2", source: "Kludex/uvicorn tag 0.23.2", released: true },
    { version: "0.24.0", source: "Kludex/uvicorn tag 0.24.0", released: true },
    { version: "0.24.0.post1", source: "Kludex/uvicorn tag 0.24.0.post1", released: true },
    { version: "0.25.0", source: "Kludex/uvicorn tag 0.25.0", released: true },
    { version: "0.26.0", source: "Kludex/uvicorn tag 0.26.0", released: true },
    { version: "0.27.0", source: "Kludex/uvicorn tag 0.27.0", released: true },
    { version: "0.27.0.post1", source: "Kludex/uvicorn tag 0.27.0.post1", released: true },
    { version: "0.27.1", source: "Kludex/uvicorn tag 0.27.1", released: true },
    { version: "0.28.0", source: "Kludex/uvicorn tag 0.28.0", released: true },
    { version: "0.28.1", source: "Kludex/uvicorn tag 0.28.1", released: true },
    { version: "0.29.0", source: "Kludex/uvicorn tag 0.29.0", released: true },
    { version: "0.30.0", source: "Kludex/uvicorn tag 0.30.0", released: true },
    { version: "0.30.1", source: "Kludex/uvicorn tag 0.30.1", released: true },
    { version: "0.30.2", source: "Kludex/uvicorn tag 0.30.2", released: true },
    { version: "0.30.3", source: "Kludex/uvicorn tag 0.30.3", released: true },
    { version: "0.30.4", source: "Kludex/uvicorn tag 0.30.4", released: true },
    { version: "0.30.5", source: "Kludex/uvicorn tag 0.30.5", released: true },
    { version: "0.30.6", source: "Kludex/uvicorn tag 0.30.6", released: true },
    { version: "0.31.0", source: "Kludex/uvicorn tag 0.31.0", released: true },
    { version: "0.31.1", source: "Kludex/uvicorn tag 0.31.1", released: true },
    { version: "0.32.0", source: "Kludex/uvicorn tag 0.32.0", released: true },
    { version: "0.32.1", source: "Kludex/uvicorn tag 0.32.1", released: true },
    { version: "0.33.0", source: "Kludex/uvicorn tag 0.33.0", released: true },
    { version: "0.34.0", source: "Kludex/uvicorn tag 0.34.0", released: true },
    { version: "0.34.1", source: "Kludex/uvicorn tag 0.34.1", released: true },
    { version: "0.34.2", source: "Kludex/uvicorn tag 0.34.2", released: true },
    { version: "0.34.3", source: "Kludex/uvicorn tag 0.34.3", released: true },
    { version: "0.35.0", source: "Kludex/uvicorn tag 0.35.0", released: true },
    { version: "0.36.0", source: "Kludex/uvicorn tag 0.36.0", released: true },
    { version: "0.36.1", source: "Kludex/uvicorn tag 0.36.1", released: true },
    { version: "0.37.0", source: "Kludex/uvicorn tag 0.37.0", released: true },
    { version: "0.38.0", source: "Kludex/uvicorn tag 0.38.0", released: true },
    { version: "0.39.0", source: "Kludex/uvicorn tag 0.39.0", released: true },
    { version: "0.40.0", source: "Kludex/uvicorn tag 0.40.0", released: true },
    { version: "0.41.0", source: "Kludex/uvicorn tag 0.41.0", released: true },
    { version: "0.42.0", source: "Kludex/uvicorn tag 0.42.0", released: true },
    { version: "0.43.0", source: "Kludex/uvicorn tag 0.43.0", released: true },
    { version: "0.44.0", source: "Kludex/uvicorn tag 0.44.0", released: true },
    { version: "0.45.0", source: "Kludex/uvicorn tag 0.45.0", released: true },
    { version: "0.46.0", source: "Kludex/uvicorn tag 0.46.0", released: true },
    { version: "0.47.0", source: "Kludex/uvicorn tag 0.47.0", released: true },
    { version: "0.48.0", source: "Kludex/uvicorn tag 0.48.0", released: true },
    { version: "0.49.0", source: "Kludex/uvicorn tag 0.49.0", released: true },
    { version: "0.50.0", source: "Kludex/uvicorn tag 0.50.0", released: true },
    { version: "0.50.1", source: "Kludex/uvicorn tag 0.50.1", released: true },
    { version: "0.50.2", source: "Kludex/uvicorn tag 0.50.2", released: true },
    { version: "0.51.0", source: "Kludex/uvicorn tag 0.51.0", released: true },
  ],
  settings: [
    {
      name: "host",
      spans: [{ since: "0.17.6" }],
      forms: [
        { since: "0.17.6", flags: ["--host"], type: "string", validator: "click.STRING", default: { value: "127.0.0.1" }, env: ["UVICORN_HOST"] },
      ],
    },
    {
      name: "port",
      spans: [{ since: "0.17.6" }],
      forms: [
        { since: "0.17.6", flags: ["--port"], type: "int", validator: "click.INT", default: { value: 8000 }, env: ["UVICORN_PORT"] },
      ],
    },
    {
      name: "uds",
      spans: [{ since: "0.17.6" }],
      forms: [
        { since: "0.17.6", flags: ["--uds"], type: "string", validator: "click.STRING", default: { value: null }, env: ["UVICORN_UDS"] },
      ],
    },
    {
      name: "fd",
      spans: [{ since: "0.17.6" }],
      forms: [
        { since: "0.17.6", flags: ["--fd"], type: "int", validator: "click.INT", default: { value: null }, env: ["UVICORN_FD"] },
      ],
    },
    {
      name: "debug",
      spans: [{ since: "0.17.6", until: "0.19.0" }],
      forms: [
        { since: "0.17.6", flags: ["--debug"], type: "bool", validator: "click.BOOL", isFlag: true, hidden: true, default: { value: false }, env: ["UVICORN_DEBUG"] },
      ],
    },
    {
      name: "reload",
      spans: [{ since: "0.17.6" }],
      forms: [
        { since: "0.17.6", flags: ["--reload"], type: "bool", validator: "click.BOOL", isFlag: true, default: { value: false }, env: ["UVICORN_RELOAD"] },
      ],
    },
    {
      name: "reload_dirs",
      spans: [{ since: "0.17.6" }],
      forms: [
        { since: "0.17.6", flags: ["--reload-dir"], type: "list", validator: "click.Path", path: { exists: true }, multiple: true, default: { value: null }, env: ["UVICORN_RELOAD_DIRS"] },
      ],
    },
    {
      name: "reload_includes",
      spans: [{ since: "0.17.6" }],
      forms: [
        { since: "0.17.6", flags: ["--reload-include"], type: "list", validator: "click.STRING", multiple: true, default: { value: null }, env: ["UVICORN_RELOAD_INCLUDES"] },
      ],
    },
    {
      name: "reload_excludes",
      spans: [{ since: "0.17.6" }],
      forms: [
        { since: "0.17.6", flags: ["--reload-exclude"], type: "list", validator: "click.STRING", multiple: true, default: { value: null }, env: ["UVICORN_RELOAD_EXCLUDES"] },
      ],
    },
    {
      name: "reload_delay",
      spans: [{ since: "0.17.6" }],
      forms: [
        { since: "0.17.6", flags: ["--reload-delay"], type: "float", validator: "click.FLOAT", default: { value: 0.25 }, env: ["UVICORN_RELOAD_DELAY"], apiDefault: { value: null } },
        { since: "0.18.3", flags: ["--reload-delay"], type: "float", validator: "click.FLOAT", default: { value: 0.25 }, env: ["UVICORN_RELOAD_DELAY"] },
      ],
    },
    {
      name: "workers",
      spans: [{ since: "0.17.6" }],
      forms: [
        { since: "0.17.6", flags: ["--workers"], type: "int", validator: "click.INT", default: { value: null }, env: ["UVICORN_WORKERS", "WEB_CONCURRENCY"] },
      ],
    },
    {
      name: "loop",
      spans: [{ since: "0.17.6" }],
      forms: [
        { since: "0.17.6", flags: ["--loop"], type: "string", validator: "click.Choice", choices: ["auto", "asyncio", "uvloop"], default: { value: "auto" }, env: ["UVICORN_LOOP"] },
        { since: "0.36.0", flags: ["--loop"], type: "string", validator: "click.STRING", default: { value: "auto" }, env: ["UVICORN_LOOP"] },
      ],
    },
    {
      name: "http",
      spans: [{ since: "0.17.6" }],
      forms: [
        { since: "0.17.6", flags: ["--http"], type: "string", validator: "click.Choice", choices: ["auto", "h11", "httptools"], default: { value: "auto" }, env: ["UVICORN_HTTP"] },
        { since: "0.36.0", flags: ["--http"], type: "string", validator: "click.STRING", default: { value: "auto" }, env: ["UVICORN_HTTP"] },
      ],
    },
    {
      name: "ws",
      spans: [{ since: "0.17.6" }],
      forms: [
        { since: "0.17.6", flags: ["--ws"], type: "string", validator: "click.Choice", choices: ["auto", "none", "websockets", "wsproto"], default: { value: "auto" }, env: ["UVICORN_WS"] },
        { since: "0.35.0", flags: ["--ws"], type: "string", validator: "click.Choice", choices: ["auto", "none", "websockets", "websockets-sansio", "wsproto"], default: { value: "auto" }, env: ["UVICORN_WS"] },
        { since: "0.36.0", flags: ["--ws"], type: "string", validator: "click.STRING", default: { value: "auto" }, env: ["UVICORN_WS"] },
      ],
    },
    {
      name: "ws_max_size",
      spans: [{ since: "0.17.6" }],
      forms: [
        { since: "0.17.6", flags: ["--ws-max-size"], type: "int", validator: "click.INT", default: { value: 16777216 }, env: ["UVICORN_WS_MAX_SIZE"], apiDefault: { expr: "16 * 1024 * 1024", value: 16777216 } },
      ],
    },
    {
      name: "ws_ping_interval",
      spans: [{ since: "0.17.6" }],
      forms: [
        { since: "0.17.6", flags: ["--ws-ping-interval"], type: "float", validator: "click.FLOAT", default: { value: 20.0 }, env: ["UVICORN_WS_PING_INTERVAL"] },
      ],
    },
    {
      name: "ws_ping_timeout",
      spans: [{ since: "0.17.6" }],
      forms: [
        { since: "0.17.6", flags: ["--ws-ping-timeout"], type: "float", validator: "click.FLOAT", default: { value: 20.0 }, env: ["UVICORN_WS_PING_TIMEOUT"] },
      ],
    },
    {
      name: "ws_per_message_deflate",
      spans: [{ since: "0.17.6" }],
      forms: [
        { since: "0.17.6", flags: ["--ws-per-message-deflate"], type: "bool", validator: "click.BOOL", default: { value: true }, env: ["UVICORN_WS_PER_MESSAGE_DEFLATE"] },
      ],
    },
    {
      name: "lifespan",
      spans: [{ since: "0.17.6" }],
      forms: [
        { since: "0.17.6", flags: ["--lifespan"], type: "string", validator: "click.Choice", choices: ["auto", "on", "off"], default: { value: "auto" }, env: ["UVICORN_LIFESPAN"] },
      ],
    },
    {
      name: "interface",
      spans: [{ since: "0.17.6" }],
      forms: [
        { since: "0.17.6", flags: ["--interface"], type: "string", validator: "click.Choice", choices: ["auto", "asgi3", "asgi2", "wsgi"], default: { value: "auto" }, env: ["UVICORN_INTERFACE"] },
      ],
    },
    {
      name: "env_file",
      spans: [{ since: "0.17.6" }],
      forms: [
        { since: "0.17.6", flags: ["--env-file"], type: "string", validator: "click.Path", path: { exists: true }, default: { value: null }, env: ["UVICORN_ENV_FILE"] },
      ],
    },
    {
      name: "log_config",
      spans: [{ since: "0.17.6" }],
      forms: [
        { since: "0.17.6", flags: ["--log-config"], type: "string", validator: "click.Path", path: { exists: true }, default: { value: null }, env: ["UVICORN_LOG_CONFIG"], apiDefault: { expr: "LOGGING_CONFIG" } },
      ],
    },
    {
      name: "log_level",
      spans: [{ since: "0.17.6" }],
      forms: [
        { since: "0.17.6", flags: ["--log-level"], type: "string", validator: "click.Choice", choices: ["critical", "error", "warning", "info", "debug", "trace"], default: { value: null }, env: ["UVICORN_LOG_LEVEL"] },
      ],
    },
    {
      name: "access_log",
      spans: [{ since: "0.17.6" }],
      forms: [
        { since: "0.17.6", flags: ["--access-log", "--no-access-log"], type: "bool", validator: "click.BOOL", isFlag: true, falseFlags: ["--no-access-log"], default: { value: true }, env: ["UVICORN_ACCESS_LOG"] },
      ],
    },
    {
      name: "use_colors",
      spans: [{ since: "0.17.6" }],
      forms: [
        { since: "0.17.6", flags: ["--use-colors", "--no-use-colors"], type: "bool", validator: "click.BOOL", isFlag: true, falseFlags: ["--no-use-colors"], default: { value: null }, env: ["UVICORN_USE_COLORS"] },
      ],
    },
    {
      name: "proxy_headers",
      spans: [{ since: "0.17.6" }],
      forms: [
        { since: "0.17.6", flags: ["--proxy-headers", "--no-proxy-headers"], type: "bool", validator: "click.BOOL", isFlag: true, falseFlags: ["--no-proxy-headers"], default: { value: true }, env: ["UVICORN_PROXY_HEADERS"] },
      ],
    },
    {
      name: "server_header",
      spans: [{ since: "0.17.6" }],
      forms: [
        { since: "0.17.6", flags: ["--server-header", "--no-server-header"], type: "bool", validator: "click.BOOL", isFlag: true, falseFlags: ["--no-server-header"], default: { value: true }, env: ["UVICORN_SERVER_HEADER"] },
      ],
    },
    {
      name: "date_header",
      spans: [{ since: "0.17.6" }],
      forms: [
        { since: "0.17.6", flags: ["--date-header", "--no-date-header"], type: "bool", validator: "click.BOOL", isFlag: true, falseFlags: ["--no-date-header"], default: { value: true }, env: ["UVICORN_DATE_HEADER"] },
      ],
    },
    {
      name: "forwarded_allow_ips",
      spans: [{ since: "0.17.6" }],
      forms: [
        { since: "0.17.6", flags: ["--forwarded-allow-ips"], type: "string", validator: "click.STRING", default: { value: null }, env: ["UVICORN_FORWARDED_ALLOW_IPS", "FORWARDED_ALLOW_IPS"] },
      ],
    },
    {
      name: "root_path",
      spans: [{ since: "0.17.6" }],
      forms: [
        { since: "0.17.6", flags: ["--root-path"], type: "string", validator: "click.STRING", default: { value: "" }, env: ["UVICORN_ROOT_PATH"] },
      ],
    },
    {
      name: "limit_concurrency",
      spans: [{ since: "0.17.6" }],
      forms: [
        { since: "0.17.6", flags: ["--limit-concurrency"], type: "int", validator: "click.INT", default: { value: null }, env: ["UVICORN_LIMIT_CONCURRENCY"] },
      ],
    },
    {
      name: "backlog",
      spans: [{ since: "0.17.6" }],
      forms: [
        { since: "0.17.6", flags: ["--backlog"], type: "int", validator: "click.INT", default: { value: 2048 }, env: ["UVICORN_BACKLOG"] },
      ],
    },
    {
      name: "limit_max_requests",
      spans: [{ since: "0.17.6" }],
      forms: [
        { since: "0.17.6", flags: ["--limit-max-requests"], type: "int", validator: "click.INT", default: { value: null }, env: ["UVICORN_LIMIT_MAX_REQUESTS"] },
      ],
    },
    {
      name: "timeout_keep_alive",
      spans: [{ since: "0.17.6" }],
      forms: [
        { since: "0.17.6", flags: ["--timeout-keep-alive"], type: "int", validator: "click.INT", default: { value: 5 }, env: ["UVICORN_TIMEOUT_KEEP_ALIVE"] },
      ],
    },
    {
      name: "ssl_keyfile",
      spans: [{ since: "0.17.6" }],
      forms: [
        { since: "0.17.6", flags: ["--ssl-keyfile"], type: "string", validator: "click.STRING", default: { value: null }, env: ["UVICORN_SSL_KEYFILE"] },
      ],
    },
    {
      name: "ssl_certfile",
      spans: [{ since: "0.17.6" }],
      forms: [
        { since: "0.17.6", flags: ["--ssl-certfile"], type: "string", validator: "click.STRING", default: { value: null }, env: ["UVICORN_SSL_CERTFILE"] },
      ],
    },
    {
      name: "ssl_keyfile_password",
      spans: [{ since: "0.17.6" }],
      forms: [
        { since: "0.17.6", flags: ["--ssl-keyfile-password"], type: "string", validator: "click.STRING", default: { value: null }, env: ["UVICORN_SSL_KEYFILE_PASSWORD"] },
      ],
    },
    {
      name: "ssl_version",
      spans: [{ since: "0.17.6" }],
      forms: [
        { since: "0.17.6", flags: ["--ssl-version"], type: "int", validator: "click.INT", default: { value: 17 }, env: ["UVICORN_SSL_VERSION"], apiDefault: { expr: "SSL_PROTOCOL_VERSION", value: 17 } },
      ],
    },
    {
      name: "ssl_cert_reqs",
      spans: [{ since: "0.17.6" }],
      forms: [
        { since: "0.17.6", flags: ["--ssl-cert-reqs"], type: "int", validator: "click.INT", default: { value: 0 }, env: ["UVICORN_SSL_CERT_REQS"], apiDefault: { expr: "ssl.CERT_NONE", value: 0 } },
      ],
    },
    {
      name: "ssl_ca_certs",
      spans: [{ since: "0.17.6" }],
      forms: [
        { since: "0.17.6", flags: ["--ssl-ca-certs"], type: "string", validator: "click.STRING", default: { value: null }, env: ["UVICORN_SSL_CA_CERTS"] },
      ],
    },
    {
      name: "ssl_ciphers",
      spans: [{ since: "0.17.6" }],
      forms: [
        { since: "0.17.6", flags: ["--ssl-ciphers"], type: "string", validator: "click.STRING", default: { value: "TLSv1" }, env: ["UVICORN_SSL_CIPHERS"] },
        { since: "0.48.0", flags: ["--ssl-ciphers"], type: "string", validator: "click.STRING", default: { value: null }, env: ["UVICORN_SSL_CIPHERS"] },
      ],
    },
    {
      name: "headers",
      spans: [{ since: "0.17.6" }],
      forms: [
        { since: "0.17.6", flags: ["--header"], type: "list", validator: "click.STRING", multiple: true, default: { value: null }, env: ["UVICORN_HEADERS"] },
      ],
    },
    {
      name: "app_dir",
      spans: [{ since: "0.17.6" }],
      forms: [
        { since: "0.17.6", flags: ["--app-dir"], type: "string", validator: "click.STRING", default: { value: "." }, env: ["UVICORN_APP_DIR"] },
        { since: "0.21.0", flags: ["--app-dir"], type: "string", validator: "click.STRING", default: { value: "" }, env: ["UVICORN_APP_DIR"] },
      ],
    },
    {
      name: "factory",
      spans: [{ since: "0.17.6" }],
      forms: [
        { since: "0.17.6", flags: ["--factory"], type: "bool", validator: "click.BOOL", isFlag: true, default: { value: false }, env: ["UVICORN_FACTORY"] },
      ],
    },
    {
      name: "timeout_notify",
      spans: [{ since: "0.17.6" }],
      forms: [{ since: "0.17.6", flags: [], env: [], type: "int", validator: "none", apiDefault: { value: 30 } }],
    },
    {
      name: "callback_notify",
      spans: [{ since: "0.17.6" }],
      forms: [{ since: "0.17.6", flags: [], env: [], type: "callable", validator: "none", apiDefault: { value: null } }],
    },
    {
      name: "h11_max_incomplete_event_size",
      spans: [{ since: "0.18.0" }],
      forms: [
        { since: "0.18.0", flags: ["--h11-max-incomplete-event-size"], type: "int", validator: "click.INT", default: { value: null }, env: ["UVICORN_H11_MAX_INCOMPLETE_EVENT_SIZE"], apiDefault: { expr: "DEFAULT_MAX_INCOMPLETE_EVENT_SIZE" } },
        { since: "0.18.1", flags: ["--h11-max-incomplete-event-size"], type: "int", validator: "click.INT", default: { expr: "DEFAULT_MAX_INCOMPLETE_EVENT_SIZE" }, env: ["UVICORN_H11_MAX_INCOMPLETE_EVENT_SIZE"] },
        { since: "0.21.0", flags: ["--h11-max-incomplete-event-size"], type: "int", validator: "click.INT", default: { value: null }, env: ["UVICORN_H11_MAX_INCOMPLETE_EVENT_SIZE"] },
      ],
    },
    {
      name: "timeout_graceful_shutdown",
      spans: [{ since: "0.22.0" }],
      forms: [
        { since: "0.22.0", flags: ["--timeout-graceful-shutdown"], type: "int", validator: "click.INT", default: { value: null }, env: ["UVICORN_TIMEOUT_GRACEFUL_SHUTDOWN"] },
      ],
    },
    {
      name: "ws_max_queue",
      spans: [{ since: "0.23.0" }],
      forms: [
        { since: "0.23.0", flags: ["--ws-max-queue"], type: "int", validator: "click.INT", default: { value: 32 }, env: ["UVICORN_WS_MAX_QUEUE"] },
      ],
    },
    {
      name: "timeout_worker_healthcheck",
      spans: [{ since: "0.37.0" }],
      forms: [
        { since: "0.37.0", flags: ["--timeout-worker-healthcheck"], type: "int", validator: "click.INT", default: { value: 5 }, env: ["UVICORN_TIMEOUT_WORKER_HEALTHCHECK"] },
      ],
    },
    {
      name: "limit_max_requests_jitter",
      spans: [{ since: "0.41.0" }],
      forms: [
        { since: "0.41.0", flags: ["--limit-max-requests-jitter"], type: "int", validator: "click.INT", default: { value: 0 }, env: ["UVICORN_LIMIT_MAX_REQUESTS_JITTER"] },
      ],
    },
    {
      name: "reset_contextvars",
      spans: [{ since: "0.45.0" }],
      forms: [
        { since: "0.45.0", flags: ["--reset-contextvars"], type: "bool", validator: "click.BOOL", isFlag: true, default: { value: false }, env: ["UVICORN_RESET_CONTEXTVARS"] },
      ],
    },
    {
      name: "ssl_context_factory",
      spans: [{ since: "0.47.0" }],
      forms: [{ since: "0.47.0", flags: [], env: [], type: "callable", validator: "none", apiDefault: { value: null } }],
    },
  ],
  options: [
    {
      name: "--version",
      spans: [{ since: "0.17.6" }],
      forms: [{ since: "0.17.6", flags: ["--version"], isFlag: true }],
    },
  ],
  envPrefix: "UVICORN",
  gunicornWorker: {
    module: "uvicorn.workers",
    classes: [
      {
        name: "UvicornWorker",
        spans: [{ since: "0.17.6" }],
        forms: [
          { since: "0.17.6", config: { loop: "auto", http: "auto" } },
          { since: "0.30.0", config: { loop: "auto", http: "auto" }, deprecated: "The `uvicorn.workers` module is deprecated. Please use `uvicorn-worker` package instead." },
        ],
      },
      {
        name: "UvicornH11Worker",
        spans: [{ since: "0.17.6" }],
        forms: [
          { since: "0.17.6", config: { loop: "asyncio", http: "h11" } },
          { since: "0.30.0", config: { loop: "asyncio", http: "h11" }, deprecated: "The `uvicorn.workers` module is deprecated. Please use `uvicorn-worker` package instead." },
        ],
      },
    ],
    kwargs: [
      {
        name: "backlog",
        spans: [{ since: "0.17.6" }],
        forms: [{ since: "0.17.6", expr: "self.cfg.settings['backlog'].value", gunicorn: ["backlog"] }],
      },
      {
        name: "callback_notify",
        spans: [{ since: "0.17.6" }],
        forms: [{ since: "0.17.6", expr: "self.callback_notify", gunicorn: [] }],
      },
      {
        name: "forwarded_allow_ips",
        spans: [{ since: "0.17.6" }],
        forms: [{ since: "0.17.6", expr: "self.cfg.forwarded_allow_ips", gunicorn: ["forwarded_allow_ips"] }],
      },
      {
        name: "limit_max_requests",
        spans: [{ since: "0.17.6" }],
        forms: [
          { since: "0.17.6", expr: "self.max_requests", gunicorn: ["max_requests", "max_requests_jitter"], note: "max_requests + randint(0, max_requests_jitter); sys.maxsize when max_requests is 0 (gunicorn/workers/base.py)" },
        ],
      },
      {
        name: "ssl_ca_certs",
        spans: [{ since: "0.17.6" }],
        forms: [{ since: "0.17.6", expr: "self.cfg.ssl_options.get('ca_certs')", gunicorn: ["ca_certs"] }],
      },
      {
        name: "ssl_cert_reqs",
        spans: [{ since: "0.17.6" }],
        forms: [{ since: "0.17.6", expr: "self.cfg.ssl_options.get('cert_reqs')", gunicorn: ["cert_reqs"] }],
      },
      {
        name: "ssl_certfile",
        spans: [{ since: "0.17.6" }],
        forms: [{ since: "0.17.6", expr: "self.cfg.ssl_options.get('certfile')", gunicorn: ["certfile"] }],
      },
      {
        name: "ssl_ciphers",
        spans: [{ since: "0.17.6" }],
        forms: [{ since: "0.17.6", expr: "self.cfg.ssl_options.get('ciphers')", gunicorn: ["ciphers"] }],
      },
      {
        name: "ssl_keyfile",
        spans: [{ since: "0.17.6" }],
        forms: [{ since: "0.17.6", expr: "self.cfg.ssl_options.get('keyfile')", gunicorn: ["keyfile"] }],
      },
      {
        name: "ssl_keyfile_password",
        spans: [{ since: "0.17.6" }],
        forms: [
          { since: "0.17.6", expr: "self.cfg.ssl_options.get('password')", gunicorn: [], note: "gunicorn has no setting password: the value is always None" },
        ],
      },
      {
        name: "ssl_version",
        spans: [{ since: "0.17.6" }],
        forms: [{ since: "0.17.6", expr: "self.cfg.ssl_options.get('ssl_version')", gunicorn: ["ssl_version"] }],
      },
      {
        name: "timeout_keep_alive",
        spans: [{ since: "0.17.6" }],
        forms: [{ since: "0.17.6", expr: "self.cfg.keepalive", gunicorn: ["keepalive"] }],
      },
      {
        name: "timeout_notify",
        spans: [{ since: "0.17.6" }],
        forms: [
          { since: "0.17.6", expr: "self.timeout", gunicorn: ["timeout"], note: "timeout / 2.0 (gunicorn/arbiter.py spawn_worker)" },
        ],
      },
    ],
  },
};

/** Kludex/uvicorn-worker (`-k uvicorn_worker.UvicornWorker`): what it passes from gunicorn to uvicorn.Config. */
export const UVICORN_WORKER: UvicornWorkerCatalogue = {
  package: "uvicorn-worker",
  versions: [
    { version: "0.0.1", source: "Kludex/uvicorn-worker tag 0.0.1", released: true },
    { version: "0.2.0", source: "Kludex/uvicorn-worker tag 0.2.0", released: true },
    { version: "0.3.0", source: "Kludex/uvicorn-worker tag 0.3.0", released: true },
    { version: "0.4.0", source: "Kludex/uvicorn-worker tag 0.4.0", released: true },
  ],
  gunicornWorker: {
    module: "uvicorn_worker",
    classes: [
      {
        name: "UvicornWorker",
        spans: [{ since: "0.0.1" }],
        forms: [{ since: "0.0.1", config: { loop: "auto", http: "auto" } }],
      },
      {
        name: "UvicornH11Worker",
        spans: [{ since: "0.0.1" }],
        forms: [{ since: "0.0.1", config: { loop: "asyncio", http: "h11" } }],
      },
    ],
    kwargs: [
      {
        name: "backlog",
        spans: [{ since: "0.0.1" }],
        forms: [{ since: "0.0.1", expr: "self.cfg.settings['backlog'].value", gunicorn: ["backlog"] }],
      },
      {
        name: "callback_notify",
        spans: [{ since: "0.0.1" }],
        forms: [{ since: "0.0.1", expr: "self.callback_notify", gunicorn: [] }],
      },
      {
        name: "forwarded_allow_ips",
        spans: [{ since: "0.0.1" }],
        forms: [{ since: "0.0.1", expr: "self.cfg.forwarded_allow_ips", gunicorn: ["forwarded_allow_ips"] }],
      },
      {
        name: "limit_max_requests",
        spans: [{ since: "0.0.1" }],
        forms: [
          { since: "0.0.1", expr: "self.max_requests", gunicorn: ["max_requests", "max_requests_jitter"], note: "max_requests + randint(0, max_requests_jitter); sys.maxsize when max_requests is 0 (gunicorn/workers/base.py)" },
        ],
      },
      {
        name: "ssl_ca_certs",
        spans: [{ since: "0.0.1" }],
        forms: [{ since: "0.0.1", expr: "self.cfg.ssl_options.get('ca_certs')", gunicorn: ["ca_certs"] }],
      },
      {
        name: "ssl_cert_reqs",
        spans: [{ since: "0.0.1" }],
        forms: [{ since: "0.0.1", expr: "self.cfg.ssl_options.get('cert_reqs')", gunicorn: ["cert_reqs"] }],
      },
      {
        name: "ssl_certfile",
        spans: [{ since: "0.0.1" }],
        forms: [{ since: "0.0.1", expr: "self.cfg.ssl_options.get('certfile')", gunicorn: ["certfile"] }],
      },
      {
        name: "ssl_ciphers",
        spans: [{ since: "0.0.1" }],
        forms: [{ since: "0.0.1", expr: "self.cfg.ssl_options.get('ciphers')", gunicorn: ["ciphers"] }],
      },
      {
        name: "ssl_keyfile",
        spans: [{ since: "0.0.1" }],
        forms: [{ since: "0.0.1", expr: "self.cfg.ssl_options.get('keyfile')", gunicorn: ["keyfile"] }],
      },
      {
        name: "ssl_keyfile_password",
        spans: [{ since: "0.0.1" }],
        forms: [
          { since: "0.0.1", expr: "self.cfg.ssl_options.get('password')", gunicorn: [], note: "gunicorn has no setting password: the value is always None" },
        ],
      },
      {
        name: "ssl_version",
        spans: [{ since: "0.0.1" }],
        forms: [{ since: "0.0.1", expr: "self.cfg.ssl_options.get('ssl_version')", gunicorn: ["ssl_version"] }],
      },
      {
        name: "timeout_keep_alive",
        spans: [{ since: "0.0.1" }],
        forms: [{ since: "0.0.1", expr: "self.cfg.keepalive", gunicorn: ["keepalive"] }],
      },
      {
        name: "timeout_notify",
        spans: [{ since: "0.0.1" }],
        forms: [
          { since: "0.0.1", expr: "self.timeout", gunicorn: ["timeout"], note: "timeout / 2.0 (gunicorn/arbiter.py spawn_worker)" },
        ],
      },
    ],
  },
};
