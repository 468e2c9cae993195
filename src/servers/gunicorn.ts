// gunicorn settings, command-line options, built-in workers and validators by version.
// GENERATED FILE, do not edit: a data file, longer than the usual 300 lines. Regenerate with
//   /usr/bin/python3 scripts/servers/generate.py --gunicorn-git <benoitc/gunicorn> --uvicorn-git <Kludex/uvicorn> --uvicorn-worker-git <Kludex/uvicorn-worker> --waitress-git <Pylons/waitress>
// from the releases 20.1.0 … 26.1.0 (19 tags) and 20.1.0+debian (Debian python3-gunicorn 20.1.0-6+deb12u1), main@65ac1a3 (benoitc/gunicorn 65ac1a3 (unreleased, after 26.1.0)).
// How to read it: src/servers/README.md. Facts derived from the servers' sources; no source is copied.
import type { GunicornCatalogue } from './types.js';

export const GUNICORN: GunicornCatalogue = {
  server: "gunicorn",
  versions: [
    { version: "20.1.0", source: "benoitc/gunicorn tag 20.1.0", released: true },
    { version: "20.1.0+debian", source: "Debian python3-gunicorn 20.1.0-6+deb12u1", released: true, debian: true },
    { version: "21.0.0", source: "benoitc/gunicorn tag 21.0.0", released: true },
    { version: "21.0.1", source: "benoitc/gunicorn tag 21.0.1", released: true },
    { version: "21.1.0", source: "benoitc/gunicorn tag 21.1.0", released: true },
    { version: "21.2.0", source: "benoitc/gunicorn tag 21.2.0", released: true },
    { version: "22.0.0", source: "benoitc/gunicorn tag 22.0.0", released: true },
    { version: "23.0.0", source: "benoitc/gunicorn tag 23.0.0", released: true },
    { version: "24.0.0", source: "benoitc/gunicorn tag 24.0.0", released: true },
    { version: "24.1.0", source: "benoitc/gunicorn tag 24.1.0", released: true },
    { version: "24.1.1", source: "benoitc/gunicorn tag 24.1.1", released: true },
    { version: "25.0.0", source: "benoitc/gunicorn tag 25.0.0", released: true },
    { version: "25.0.1", source: "benoitc/gunicorn tag 25.0.1", released: true },
    { version: "25.0.2", source: "benoitc/gunicorn tag 25.0.2", released: true },
    { version: "25.0.3", source: "benoitc/gunicorn tag 25.0.3", released: true },
    { version: "25.1.0", source: "benoitc/gunicorn tag 25.1.0", released: true },
    { version: "25.2.0", source: "benoitc/gunicorn tag 25.2.0", released: true },
    { version: "25.3.0", source: "benoitc/gunicorn tag 25.3.0", released: true },
    { version: "26.0.0", source: "benoitc/gunicorn tag 26.0.0", released: true },
    { version: "26.1.0", source: "benoitc/gunicorn tag 26.1.0", released: true },
    { version: "main@65ac1a3", source: "benoitc/gunicorn 65ac1a3 (unreleased, after 26.1.0)", released: false },
  ],
  settings: [
    {
      name: "config",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Config File", flags: ["-c", "--config"], env: [], type: "string", validator: "validate_string", default: { value: "./gunicorn.conf.py" }, action: "store", metavar: "CONFIG" },
      ],
    },
    {
      name: "wsgi_app",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Config File", flags: [], env: [], type: "string", validator: "validate_string", default: { value: null } },
      ],
    },
    {
      name: "bind",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Server Socket", flags: ["-b", "--bind"], env: ["PORT"], type: "list", validator: "validate_list_string", default: { expr: "['0.0.0.0:{0}'.format(os.environ.get('PORT'))] if 'PORT' in os.environ else ['127.0.0.1:8000']", value: ["127.0.0.1:8000"] }, action: "append", metavar: "ADDRESS" },
      ],
    },
    {
      name: "backlog",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Server Socket", flags: ["--backlog"], env: [], type: "int", validator: "validate_pos_int", default: { value: 2048 }, action: "store", argType: "int", metavar: "INT" },
      ],
    },
    {
      name: "workers",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Worker Processes", flags: ["-w", "--workers"], env: ["WEB_CONCURRENCY"], type: "int", validator: "validate_pos_int", default: { expr: "int(os.environ.get('WEB_CONCURRENCY', 1))", value: 1 }, action: "store", argType: "int", metavar: "INT" },
      ],
    },
    {
      name: "worker_class",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Worker Processes", flags: ["-k", "--worker-class"], env: [], type: "string", validator: "validate_class", default: { value: "sync" }, action: "store", metavar: "STRING" },
      ],
    },
    {
      name: "threads",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Worker Processes", flags: ["--threads"], env: [], type: "int", validator: "validate_pos_int", default: { value: 1 }, action: "store", argType: "int", metavar: "INT" },
      ],
    },
    {
      name: "worker_connections",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Worker Processes", flags: ["--worker-connections"], env: [], type: "int", validator: "validate_pos_int", default: { value: 1000 }, action: "store", argType: "int", metavar: "INT" },
      ],
    },
    {
      name: "max_requests",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Worker Processes", flags: ["--max-requests"], env: [], type: "int", validator: "validate_pos_int", default: { value: 0 }, action: "store", argType: "int", metavar: "INT" },
      ],
    },
    {
      name: "max_requests_jitter",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Worker Processes", flags: ["--max-requests-jitter"], env: [], type: "int", validator: "validate_pos_int", default: { value: 0 }, action: "store", argType: "int", metavar: "INT" },
      ],
    },
    {
      name: "timeout",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Worker Processes", flags: ["-t", "--timeout"], env: [], type: "int", validator: "validate_pos_int", default: { value: 30 }, action: "store", argType: "int", metavar: "INT" },
      ],
    },
    {
      name: "graceful_timeout",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Worker Processes", flags: ["--graceful-timeout"], env: [], type: "int", validator: "validate_pos_int", default: { value: 30 }, action: "store", argType: "int", metavar: "INT" },
      ],
    },
    {
      name: "keepalive",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Worker Processes", flags: ["--keep-alive"], env: [], type: "int", validator: "validate_pos_int", default: { value: 2 }, action: "store", argType: "int", metavar: "INT" },
      ],
    },
    {
      name: "limit_request_line",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Security", flags: ["--limit-request-line"], env: [], type: "int", validator: "validate_pos_int", default: { value: 4094 }, action: "store", argType: "int", metavar: "INT" },
      ],
    },
    {
      name: "limit_request_fields",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Security", flags: ["--limit-request-fields"], env: [], type: "int", validator: "validate_pos_int", default: { value: 100 }, action: "store", argType: "int", metavar: "INT" },
      ],
    },
    {
      name: "limit_request_field_size",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Security", flags: ["--limit-request-field_size"], env: [], type: "int", validator: "validate_pos_int", default: { value: 8190 }, action: "store", argType: "int", metavar: "INT" },
      ],
    },
    {
      name: "reload",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Debugging", flags: ["--reload"], env: [], type: "bool", validator: "validate_bool", default: { value: false }, action: "store_true" },
      ],
    },
    {
      name: "reload_engine",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Debugging", flags: ["--reload-engine"], env: [], type: "string", validator: "validate_reload_engine", default: { value: "auto" }, action: "store", metavar: "STRING" },
      ],
    },
    {
      name: "reload_extra_files",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Debugging", flags: ["--reload-extra-file"], env: [], type: "list", validator: "validate_list_of_existing_files", default: { value: [] }, action: "append", metavar: "FILES" },
        { since: "26.1.0", section: "Debugging", flags: ["--reload-extra-file"], env: [], type: "list", validator: "validate_list_of_files_or_patterns", default: { value: [] }, action: "append", metavar: "FILES" },
      ],
    },
    {
      name: "spew",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Debugging", flags: ["--spew"], env: [], type: "bool", validator: "validate_bool", default: { value: false }, action: "store_true" },
      ],
    },
    {
      name: "check_config",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Debugging", flags: ["--check-config"], env: [], type: "bool", validator: "validate_bool", default: { value: false }, action: "store_true" },
      ],
    },
    {
      name: "print_config",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Debugging", flags: ["--print-config"], env: [], type: "bool", validator: "validate_bool", default: { value: false }, action: "store_true" },
      ],
    },
    {
      name: "preload_app",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Server Mechanics", flags: ["--preload"], env: [], type: "bool", validator: "validate_bool", default: { value: false }, action: "store_true" },
      ],
    },
    {
      name: "sendfile",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Server Mechanics", flags: ["--no-sendfile"], env: ["SENDFILE"], type: "bool", validator: "validate_bool", action: "store_const", const: false },
      ],
    },
    {
      name: "reuse_port",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Server Mechanics", flags: ["--reuse-port"], env: [], type: "bool", validator: "validate_bool", default: { value: false }, action: "store_true" },
      ],
    },
    {
      name: "chdir",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Server Mechanics", flags: ["--chdir"], env: [], type: "string", validator: "validate_chdir", default: { expr: "util.getcwd()" }, action: "store" },
      ],
    },
    {
      name: "daemon",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Server Mechanics", flags: ["-D", "--daemon"], env: [], type: "bool", validator: "validate_bool", default: { value: false }, action: "store_true" },
      ],
    },
    {
      name: "raw_env",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Server Mechanics", flags: ["-e", "--env"], env: [], type: "list", validator: "validate_list_string", default: { value: [] }, action: "append", metavar: "ENV" },
      ],
    },
    {
      name: "pidfile",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Server Mechanics", flags: ["-p", "--pid"], env: [], type: "string", validator: "validate_string", default: { value: null }, action: "store", metavar: "FILE" },
      ],
    },
    {
      name: "worker_tmp_dir",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Server Mechanics", flags: ["--worker-tmp-dir"], env: [], type: "string", validator: "validate_string", default: { value: null }, action: "store", metavar: "DIR" },
      ],
    },
    {
      name: "user",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Server Mechanics", flags: ["-u", "--user"], env: [], type: "string", validator: "validate_user", default: { expr: "os.geteuid()" }, action: "store", metavar: "USER" },
      ],
    },
    {
      name: "group",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Server Mechanics", flags: ["-g", "--group"], env: [], type: "string", validator: "validate_group", default: { expr: "os.getegid()" }, action: "store", metavar: "GROUP" },
      ],
    },
    {
      name: "umask",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Server Mechanics", flags: ["-m", "--umask"], env: [], type: "int", validator: "validate_pos_int", default: { value: 0 }, action: "store", argType: "auto_int", metavar: "INT" },
      ],
    },
    {
      name: "initgroups",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Server Mechanics", flags: ["--initgroups"], env: [], type: "bool", validator: "validate_bool", default: { value: false }, action: "store_true" },
      ],
    },
    {
      name: "tmp_upload_dir",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Server Mechanics", flags: [], env: [], type: "string", validator: "validate_string", default: { value: null } },
      ],
    },
    {
      name: "secure_scheme_headers",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Server Mechanics", flags: [], env: [], type: "dict", validator: "validate_dict", default: { value: { "X-FORWARDED-PROTOCOL": "ssl", "X-FORWARDED-PROTO": "https", "X-FORWARDED-SSL": "on" } } },
      ],
    },
    {
      name: "forwarded_allow_ips",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Server Mechanics", flags: ["--forwarded-allow-ips"], env: ["FORWARDED_ALLOW_IPS"], type: "list", validator: "validate_string_to_list", default: { expr: "os.environ.get('FORWARDED_ALLOW_IPS', '127.0.0.1')", value: "127.0.0.1" }, action: "store", metavar: "STRING" },
        { since: "23.0.0", section: "Server Mechanics", flags: ["--forwarded-allow-ips"], env: ["FORWARDED_ALLOW_IPS"], type: "list", validator: "validate_string_to_addr_list", default: { expr: "os.environ.get('FORWARDED_ALLOW_IPS', '127.0.0.1,::1')", value: "127.0.0.1,::1" }, action: "store", metavar: "STRING" },
      ],
    },
    {
      name: "accesslog",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Logging", flags: ["--access-logfile"], env: [], type: "string", validator: "validate_string", default: { value: null }, action: "store", metavar: "FILE" },
      ],
    },
    {
      name: "disable_redirect_access_to_syslog",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Logging", flags: ["--disable-redirect-access-to-syslog"], env: [], type: "bool", validator: "validate_bool", default: { value: false }, action: "store_true" },
      ],
    },
    {
      name: "access_log_format",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Logging", flags: ["--access-logformat"], env: [], type: "string", validator: "validate_string", default: { value: "%(h)s %(l)s %(u)s %(t)s \"%(r)s\" %(s)s %(b)s \"%(f)s\" \"%(a)s\"" }, action: "store", metavar: "STRING" },
      ],
    },
    {
      name: "errorlog",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Logging", flags: ["--error-logfile", "--log-file"], env: [], type: "string", validator: "validate_string", default: { value: "-" }, action: "store", metavar: "FILE" },
      ],
    },
    {
      name: "loglevel",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Logging", flags: ["--log-level"], env: [], type: "string", validator: "validate_string", default: { value: "info" }, action: "store", metavar: "LEVEL" },
      ],
    },
    {
      name: "capture_output",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Logging", flags: ["--capture-output"], env: [], type: "bool", validator: "validate_bool", default: { value: false }, action: "store_true" },
      ],
    },
    {
      name: "logger_class",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Logging", flags: ["--logger-class"], env: [], type: "string", validator: "validate_class", default: { value: "gunicorn.glogging.Logger" }, action: "store", metavar: "STRING" },
      ],
    },
    {
      name: "logconfig",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Logging", flags: ["--log-config"], env: [], type: "string", validator: "validate_string", default: { value: null }, action: "store", metavar: "FILE" },
      ],
    },
    {
      name: "logconfig_dict",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Logging", flags: [], env: [], type: "dict", validator: "validate_dict", default: { value: {} } },
      ],
    },
    {
      name: "syslog_addr",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Logging", flags: ["--log-syslog-to"], env: [], type: "string", validator: "validate_string", default: { value: "udp://localhost:514" }, action: "store", metavar: "SYSLOG_ADDR" },
      ],
    },
    {
      name: "syslog",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Logging", flags: ["--log-syslog"], env: [], type: "bool", validator: "validate_bool", default: { value: false }, action: "store_true" },
      ],
    },
    {
      name: "syslog_prefix",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Logging", flags: ["--log-syslog-prefix"], env: [], type: "string", validator: "validate_string", default: { value: null }, action: "store", metavar: "SYSLOG_PREFIX" },
      ],
    },
    {
      name: "syslog_facility",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Logging", flags: ["--log-syslog-facility"], env: [], type: "string", validator: "validate_string", default: { value: "user" }, action: "store", metavar: "SYSLOG_FACILITY" },
      ],
    },
    {
      name: "enable_stdio_inheritance",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Logging", flags: ["-R", "--enable-stdio-inheritance"], env: [], type: "bool", validator: "validate_bool", default: { value: false }, action: "store_true" },
      ],
    },
    {
      name: "statsd_host",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Logging", flags: ["--statsd-host"], env: [], type: "string", validator: "validate_hostport", default: { value: null }, action: "store", metavar: "STATSD_ADDR" },
        { since: "21.0.0", section: "Logging", flags: ["--statsd-host"], env: [], type: "string", validator: "validate_statsd_address", default: { value: null }, action: "store", metavar: "STATSD_ADDR" },
      ],
    },
    {
      name: "dogstatsd_tags",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Logging", flags: ["--dogstatsd-tags"], env: [], type: "string", validator: "validate_string", default: { value: "" }, action: "store", metavar: "DOGSTATSD_TAGS" },
      ],
    },
    {
      name: "statsd_prefix",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Logging", flags: ["--statsd-prefix"], env: [], type: "string", validator: "validate_string", default: { value: "" }, action: "store", metavar: "STATSD_PREFIX" },
      ],
    },
    {
      name: "proc_name",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Process Naming", flags: ["-n", "--name"], env: [], type: "string", validator: "validate_string", default: { value: null }, action: "store", metavar: "STRING" },
      ],
    },
    {
      name: "default_proc_name",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Process Naming", flags: [], env: [], type: "string", validator: "validate_string", default: { value: "gunicorn" } },
      ],
    },
    {
      name: "pythonpath",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Server Mechanics", flags: ["--pythonpath"], env: [], type: "string", validator: "validate_string", default: { value: null }, action: "store", metavar: "STRING" },
      ],
    },
    {
      name: "paste",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Server Mechanics", flags: ["--paste", "--paster"], env: [], type: "string", validator: "validate_string", default: { value: null }, action: "store", metavar: "STRING" },
      ],
    },
    {
      name: "on_starting",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Server Hooks", flags: [], env: [], type: "callable", validator: "validate_callable", validatorArgs: [1], default: { expr: "def on_starting(server): ..." } },
      ],
    },
    {
      name: "on_reload",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Server Hooks", flags: [], env: [], type: "callable", validator: "validate_callable", validatorArgs: [1], default: { expr: "def on_reload(server): ..." } },
      ],
    },
    {
      name: "when_ready",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Server Hooks", flags: [], env: [], type: "callable", validator: "validate_callable", validatorArgs: [1], default: { expr: "def when_ready(server): ..." } },
      ],
    },
    {
      name: "pre_fork",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Server Hooks", flags: [], env: [], type: "callable", validator: "validate_callable", validatorArgs: [2], default: { expr: "def pre_fork(server, worker): ..." } },
      ],
    },
    {
      name: "post_fork",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Server Hooks", flags: [], env: [], type: "callable", validator: "validate_callable", validatorArgs: [2], default: { expr: "def post_fork(server, worker): ..." } },
      ],
    },
    {
      name: "post_worker_init",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Server Hooks", flags: [], env: [], type: "callable", validator: "validate_callable", validatorArgs: [1], default: { expr: "def post_worker_init(worker): ..." } },
      ],
    },
    {
      name: "worker_int",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Server Hooks", flags: [], env: [], type: "callable", validator: "validate_callable", validatorArgs: [1], default: { expr: "def worker_int(worker): ..." } },
      ],
    },
    {
      name: "worker_abort",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Server Hooks", flags: [], env: [], type: "callable", validator: "validate_callable", validatorArgs: [1], default: { expr: "def worker_abort(worker): ..." } },
      ],
    },
    {
      name: "pre_exec",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Server Hooks", flags: [], env: [], type: "callable", validator: "validate_callable", validatorArgs: [1], default: { expr: "def pre_exec(server): ..." } },
      ],
    },
    {
      name: "pre_request",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Server Hooks", flags: [], env: [], type: "callable", validator: "validate_callable", validatorArgs: [2], default: { expr: "def pre_request(worker, req): ..." } },
      ],
    },
    {
      name: "post_request",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Server Hooks", flags: [], env: [], type: "callable", validator: "validate_post_request", default: { expr: "def post_request(worker, req, environ, resp): ..." } },
      ],
    },
    {
      name: "child_exit",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Server Hooks", flags: [], env: [], type: "callable", validator: "validate_callable", validatorArgs: [2], default: { expr: "def child_exit(server, worker): ..." } },
      ],
    },
    {
      name: "worker_exit",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Server Hooks", flags: [], env: [], type: "callable", validator: "validate_callable", validatorArgs: [2], default: { expr: "def worker_exit(server, worker): ..." } },
      ],
    },
    {
      name: "nworkers_changed",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Server Hooks", flags: [], env: [], type: "callable", validator: "validate_callable", validatorArgs: [3], default: { expr: "def nworkers_changed(server, new_value, old_value): ..." } },
      ],
    },
    {
      name: "on_exit",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Server Hooks", flags: [], env: [], type: "callable", validator: "validate_callable", validatorArgs: [1], default: { expr: "def on_exit(server): ..." } },
      ],
    },
    {
      name: "proxy_protocol",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Server Mechanics", flags: ["--proxy-protocol"], env: [], type: "bool", validator: "validate_bool", default: { value: false }, action: "store_true" },
        { since: "24.1.0", section: "Server Mechanics", flags: ["--proxy-protocol"], env: [], type: "string", validator: "validate_proxy_protocol", default: { value: "off" }, action: "store", nargs: "?", const: "auto", metavar: "MODE" },
      ],
    },
    {
      name: "proxy_allow_ips",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Server Mechanics", flags: ["--proxy-allow-from"], env: [], type: "list", validator: "validate_string_to_list", default: { value: "127.0.0.1" }, action: "store" },
        { since: "23.0.0", section: "Server Mechanics", flags: ["--proxy-allow-from"], env: [], type: "list", validator: "validate_string_to_addr_list", default: { value: "127.0.0.1,::1" }, action: "store" },
      ],
    },
    {
      name: "keyfile",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "SSL", flags: ["--keyfile"], env: [], type: "string", validator: "validate_string", default: { value: null }, action: "store", metavar: "FILE" },
      ],
    },
    {
      name: "certfile",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "SSL", flags: ["--certfile"], env: [], type: "string", validator: "validate_string", default: { value: null }, action: "store", metavar: "FILE" },
      ],
    },
    {
      name: "ssl_version",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "SSL", flags: ["--ssl-version"], env: [], type: "string", validator: "validate_ssl_version", default: { expr: "ssl.PROTOCOL_SSLv23", value: 2 }, action: "store" },
      ],
    },
    {
      name: "cert_reqs",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "SSL", flags: ["--cert-reqs"], env: [], type: "int", validator: "validate_pos_int", default: { expr: "ssl.CERT_NONE", value: 0 }, action: "store" },
      ],
    },
    {
      name: "ca_certs",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "SSL", flags: ["--ca-certs"], env: [], type: "string", validator: "validate_string", default: { value: null }, action: "store", metavar: "FILE" },
      ],
    },
    {
      name: "suppress_ragged_eofs",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "SSL", flags: ["--suppress-ragged-eofs"], env: [], type: "bool", validator: "validate_bool", default: { value: true }, action: "store_true" },
      ],
    },
    {
      name: "do_handshake_on_connect",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "SSL", flags: ["--do-handshake-on-connect"], env: [], type: "bool", validator: "validate_bool", default: { value: false }, action: "store_true" },
      ],
    },
    {
      name: "ciphers",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "SSL", flags: ["--ciphers"], env: [], type: "string", validator: "validate_string", default: { value: null }, action: "store" },
      ],
    },
    {
      name: "raw_paste_global_conf",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Server Mechanics", flags: ["--paste-global"], env: [], type: "list", validator: "validate_list_string", default: { value: [] }, action: "append", metavar: "CONF" },
      ],
    },
    {
      name: "strip_header_spaces",
      spans: [{ since: "20.1.0" }],
      forms: [
        { since: "20.1.0", section: "Server Mechanics", flags: ["--strip-header-spaces"], env: [], type: "bool", validator: "validate_bool", default: { value: false }, action: "store_true" },
      ],
    },
    {
      name: "tolerate_dangerous_framing",
      spans: [{ since: "20.1.0+debian", until: "21.0.0" }, { since: "22.0.0", until: "23.0.0" }],
      forms: [
        { since: "20.1.0+debian", section: "Server Mechanics", flags: ["--tolerate-dangerous-framing"], env: [], type: "bool", validator: "validate_bool", default: { value: false }, action: "store_true" },
      ],
    },
    {
      name: "logconfig_json",
      spans: [{ since: "21.0.0" }],
      forms: [
        { since: "21.0.0", section: "Logging", flags: ["--log-config-json"], env: [], type: "string", validator: "validate_string", default: { value: null }, action: "store", metavar: "FILE" },
      ],
    },
    {
      name: "ssl_context",
      spans: [{ since: "21.0.0" }],
      forms: [
        { since: "21.0.0", section: "Server Hooks", flags: [], env: [], type: "callable", validator: "validate_callable", validatorArgs: [2], default: { expr: "def ssl_context(config, default_ssl_context_factory): ..." } },
      ],
    },
    {
      name: "permit_unconventional_http_method",
      spans: [{ since: "22.0.0" }],
      forms: [
        { since: "22.0.0", section: "Server Mechanics", flags: ["--permit-unconventional-http-method"], env: [], type: "bool", validator: "validate_bool", default: { value: false }, action: "store_true" },
      ],
    },
    {
      name: "permit_unconventional_http_version",
      spans: [{ since: "22.0.0" }],
      forms: [
        { since: "22.0.0", section: "Server Mechanics", flags: ["--permit-unconventional-http-version"], env: [], type: "bool", validator: "validate_bool", default: { value: false }, action: "store_true" },
      ],
    },
    {
      name: "casefold_http_method",
      spans: [{ since: "22.0.0" }],
      forms: [
        { since: "22.0.0", section: "Server Mechanics", flags: ["--casefold-http-method"], env: [], type: "bool", validator: "validate_bool", default: { value: false }, action: "store_true" },
      ],
    },
    {
      name: "header_map",
      spans: [{ since: "22.0.0" }],
      forms: [
        { since: "22.0.0", section: "Server Mechanics", flags: ["--header-map"], env: [], type: "string", validator: "validate_header_map_behaviour", default: { value: "drop" }, action: "store" },
      ],
    },
    {
      name: "permit_obsolete_folding",
      spans: [{ since: "23.0.0" }],
      forms: [
        { since: "23.0.0", section: "Server Mechanics", flags: ["--permit-obsolete-folding"], env: [], type: "bool", validator: "validate_bool", default: { value: false }, action: "store_true" },
      ],
    },
    {
      name: "forwarder_headers",
      spans: [{ since: "23.0.0" }],
      forms: [
        { since: "23.0.0", section: "Server Mechanics", flags: ["--forwarder-headers"], env: [], type: "list", validator: "validate_string_to_list", default: { value: "SCRIPT_NAME,PATH_INFO" }, action: "store" },
      ],
    },
    {
      name: "protocol",
      spans: [{ since: "24.0.0" }],
      forms: [
        { since: "24.0.0", section: "Server Mechanics", flags: ["--protocol"], env: [], type: "string", validator: "validate_string", default: { value: "http" }, action: "store", metavar: "STRING" },
      ],
    },
    {
      name: "uwsgi_allow_ips",
      spans: [{ since: "24.0.0" }],
      forms: [
        { since: "24.0.0", section: "Server Mechanics", flags: ["--uwsgi-allow-from"], env: [], type: "list", validator: "validate_string_to_addr_list", default: { value: "127.0.0.1,::1" }, action: "store" },
      ],
    },
    {
      name: "asgi_loop",
      spans: [{ since: "24.0.0" }],
      forms: [
        { since: "24.0.0", section: "Worker Processes", flags: ["--asgi-loop"], env: [], type: "string", validator: "validate_asgi_loop", default: { value: "auto" }, action: "store", metavar: "STRING" },
      ],
    },
    {
      name: "asgi_lifespan",
      spans: [{ since: "24.0.0" }],
      forms: [
        { since: "24.0.0", section: "Worker Processes", flags: ["--asgi-lifespan"], env: [], type: "string", validator: "validate_asgi_lifespan", default: { value: "auto" }, action: "store", metavar: "STRING" },
      ],
    },
    {
      name: "root_path",
      spans: [{ since: "24.0.0" }],
      forms: [
        { since: "24.0.0", section: "Server Mechanics", flags: ["--root-path"], env: [], type: "string", validator: "validate_string", default: { value: "" }, action: "store", metavar: "STRING" },
      ],
    },
    {
      name: "enable_backlog_metric",
      spans: [{ since: "24.1.0" }],
      forms: [
        { since: "24.1.0", section: "Logging", flags: ["--enable-backlog-metric"], env: [], type: "bool", validator: "validate_bool", default: { value: false }, action: "store_true" },
      ],
    },
    {
      name: "http_protocols",
      spans: [{ since: "25.0.0" }],
      forms: [
        { since: "25.0.0", section: "HTTP/2", flags: ["--http-protocols"], env: [], type: "list", validator: "validate_http_protocols", default: { value: "h1" }, action: "store", metavar: "STRING" },
      ],
    },
    {
      name: "http2_max_concurrent_streams",
      spans: [{ since: "25.0.0" }],
      forms: [
        { since: "25.0.0", section: "HTTP/2", flags: ["--http2-max-concurrent-streams"], env: [], type: "int", validator: "validate_pos_int", default: { value: 100 }, action: "store", argType: "int", metavar: "INT" },
      ],
    },
    {
      name: "http2_initial_window_size",
      spans: [{ since: "25.0.0" }],
      forms: [
        { since: "25.0.0", section: "HTTP/2", flags: ["--http2-initial-window-size"], env: [], type: "int", validator: "validate_pos_int", default: { value: 65535 }, action: "store", argType: "int", metavar: "INT" },
      ],
    },
    {
      name: "http2_max_frame_size",
      spans: [{ since: "25.0.0" }],
      forms: [
        { since: "25.0.0", section: "HTTP/2", flags: ["--http2-max-frame-size"], env: [], type: "int", validator: "validate_http2_frame_size", default: { value: 16384 }, action: "store", argType: "int", metavar: "INT" },
      ],
    },
    {
      name: "http2_max_header_list_size",
      spans: [{ since: "25.0.0" }],
      forms: [
        { since: "25.0.0", section: "HTTP/2", flags: ["--http2-max-header-list-size"], env: [], type: "int", validator: "validate_pos_int", default: { value: 65536 }, action: "store", argType: "int", metavar: "INT" },
      ],
    },
    {
      name: "dirty_apps",
      spans: [{ since: "25.0.0" }],
      forms: [
        { since: "25.0.0", section: "Dirty Arbiters", flags: ["--dirty-app"], env: [], type: "list", validator: "validate_list_string", default: { value: [] }, action: "append", metavar: "STRING" },
      ],
    },
    {
      name: "dirty_workers",
      spans: [{ since: "25.0.0" }],
      forms: [
        { since: "25.0.0", section: "Dirty Arbiters", flags: ["--dirty-workers"], env: [], type: "int", validator: "validate_pos_int", default: { value: 0 }, action: "store", argType: "int", metavar: "INT" },
      ],
    },
    {
      name: "dirty_timeout",
      spans: [{ since: "25.0.0" }],
      forms: [
        { since: "25.0.0", section: "Dirty Arbiters", flags: ["--dirty-timeout"], env: [], type: "int", validator: "validate_pos_int", default: { value: 300 }, action: "store", argType: "int", metavar: "INT" },
      ],
    },
    {
      name: "dirty_threads",
      spans: [{ since: "25.0.0" }],
      forms: [
        { since: "25.0.0", section: "Dirty Arbiters", flags: ["--dirty-threads"], env: [], type: "int", validator: "validate_pos_int", default: { value: 1 }, action: "store", argType: "int", metavar: "INT" },
      ],
    },
    {
      name: "dirty_graceful_timeout",
      spans: [{ since: "25.0.0" }],
      forms: [
        { since: "25.0.0", section: "Dirty Arbiters", flags: ["--dirty-graceful-timeout"], env: [], type: "int", validator: "validate_pos_int", default: { value: 30 }, action: "store", argType: "int", metavar: "INT" },
      ],
    },
    {
      name: "on_dirty_starting",
      spans: [{ since: "25.0.0" }],
      forms: [
        { since: "25.0.0", section: "Dirty Arbiter Hooks", flags: [], env: [], type: "callable", validator: "validate_callable", validatorArgs: [1], default: { expr: "def on_dirty_starting(arbiter): ..." } },
      ],
    },
    {
      name: "dirty_post_fork",
      spans: [{ since: "25.0.0" }],
      forms: [
        { since: "25.0.0", section: "Dirty Arbiter Hooks", flags: [], env: [], type: "callable", validator: "validate_callable", validatorArgs: [2], default: { expr: "def dirty_post_fork(arbiter, worker): ..." } },
      ],
    },
    {
      name: "dirty_worker_init",
      spans: [{ since: "25.0.0" }],
      forms: [
        { since: "25.0.0", section: "Dirty Arbiter Hooks", flags: [], env: [], type: "callable", validator: "validate_callable", validatorArgs: [1], default: { expr: "def dirty_worker_init(worker): ..." } },
      ],
    },
    {
      name: "dirty_worker_exit",
      spans: [{ since: "25.0.0" }],
      forms: [
        { since: "25.0.0", section: "Dirty Arbiter Hooks", flags: [], env: [], type: "callable", validator: "validate_callable", validatorArgs: [2], default: { expr: "def dirty_worker_exit(arbiter, worker): ..." } },
      ],
    },
    {
      name: "asgi_disconnect_grace_period",
      spans: [{ since: "25.0.2" }],
      forms: [
        { since: "25.0.2", section: "Worker Processes", flags: ["--asgi-disconnect-grace-period"], env: [], type: "int", validator: "validate_pos_int", default: { value: 3 }, action: "store", argType: "int", metavar: "INT" },
      ],
    },
    {
      name: "control_socket",
      spans: [{ since: "25.1.0" }],
      forms: [
        { since: "25.1.0", section: "Control", flags: ["--control-socket"], env: [], type: "string", validator: "validate_string", default: { value: "gunicorn.ctl" }, action: "store", metavar: "PATH" },
        { since: "25.2.0", section: "Control", flags: ["--control-socket"], env: ["XDG_RUNTIME_DIR"], type: "string", validator: "validate_string", default: { expr: "_get_default_control_socket()" }, action: "store", metavar: "PATH" },
      ],
    },
    {
      name: "control_socket_mode",
      spans: [{ since: "25.1.0" }],
      forms: [
        { since: "25.1.0", section: "Control", flags: ["--control-socket-mode"], env: [], type: "int", validator: "validate_pos_int", default: { value: 384 }, action: "store", argType: "auto_int", metavar: "INT" },
      ],
    },
    {
      name: "control_socket_disable",
      spans: [{ since: "25.1.0" }],
      forms: [
        { since: "25.1.0", section: "Control", flags: ["--no-control-socket"], env: [], type: "bool", validator: "validate_bool", default: { value: false }, action: "store_true" },
      ],
    },
    {
      name: "http_parser",
      spans: [{ since: "25.2.0" }],
      forms: [
        { since: "25.2.0", section: "Worker Processes", flags: ["--http-parser"], env: [], type: "string", validator: "validate_http_parser", default: { value: "auto" }, action: "store", metavar: "STRING" },
      ],
    },
    {
      name: "http2_cleartext",
      spans: [{ since: "main@65ac1a3" }],
      forms: [
        { since: "main@65ac1a3", section: "HTTP/2", flags: ["--http2-cleartext"], env: [], type: "string", validator: "validate_http2_cleartext", default: { value: "off" }, action: "store", metavar: "STRING" },
      ],
    },
  ],
  options: [
    {
      name: "--version",
      spans: [{ since: "20.1.0" }],
      forms: [{ since: "20.1.0", flags: ["-v", "--version"], action: "version" }],
    },
    { name: "args", spans: [{ since: "20.1.0" }], forms: [{ since: "20.1.0", positional: true, nargs: "*" }] },
  ],
  validators: {
    auto_int: [{ since: "20.1.0", fingerprint: "80c0603c62" }],
    validate_asgi_lifespan: [{ since: "24.0.0", fingerprint: "4efed5926c" }],
    validate_asgi_loop: [{ since: "24.0.0", fingerprint: "128711132f" }],
    validate_bool: [{ since: "20.1.0", fingerprint: "35a01a8a29" }],
    validate_callable: [{ since: "20.1.0", fingerprint: "f4a70a9f60" }],
    validate_chdir: [{ since: "20.1.0", fingerprint: "56689ed641" }],
    validate_class: [{ since: "20.1.0", fingerprint: "648a695213" }],
    validate_dict: [{ since: "20.1.0", fingerprint: "093d6b9d6e" }],
    validate_file_exists: [{ since: "20.1.0", fingerprint: "9d0e145232" }],
    validate_group: [{ since: "20.1.0", fingerprint: "a222582947" }],
    validate_header_map_behaviour: [{ since: "22.0.0", fingerprint: "22c1d78e88" }],
    validate_hostport: [{ since: "20.1.0", fingerprint: "d601a4e82d" }],
    validate_http2_cleartext: [{ since: "main@65ac1a3", fingerprint: "4d7ea080b2" }],
    validate_http2_frame_size: [{ since: "25.0.0", fingerprint: "655494e233" }],
    validate_http_parser: [{ since: "25.2.0", fingerprint: "22244fb5ff" }],
    validate_http_protocols: [{ since: "25.0.0", fingerprint: "0b25c56b1c" }],
    validate_list_of_existing_files: [{ since: "20.1.0", fingerprint: "aa8d5c715f" }],
    validate_list_of_files_or_patterns: [{ since: "26.1.0", fingerprint: "febb8b243b" }],
    validate_list_string: [{ since: "20.1.0", fingerprint: "7a7478bf17" }],
    validate_pos_int: [{ since: "20.1.0", fingerprint: "494318a36c" }],
    validate_post_request: [{ since: "20.1.0", fingerprint: "bf8c9d0c43" }],
    validate_proxy_protocol: [{ since: "24.1.0", fingerprint: "e0256c02ef" }],
    validate_reload_engine: [{ since: "20.1.0", fingerprint: "abb7bfc7a4" }],
    validate_ssl_version: [{ since: "20.1.0", fingerprint: "5f20030c65" }, { since: "21.0.0", fingerprint: "378afc4e96" }],
    validate_statsd_address: [{ since: "21.0.0", fingerprint: "8046e0db49" }],
    validate_string: [{ since: "20.1.0", fingerprint: "87dd5218cc" }],
    validate_string_to_addr_list: [
      { since: "23.0.0", fingerprint: "36f8bcca6e" },
      { since: "24.1.0", fingerprint: "0d1ba7c7c4" },
      { since: "24.1.1", fingerprint: "584d82d1a3" },
    ],
    validate_string_to_list: [{ since: "20.1.0", fingerprint: "27cafff8a5" }],
    validate_user: [{ since: "20.1.0", fingerprint: "cdf37da575" }],
  },
  workers: [
    {
      name: "sync",
      spans: [{ since: "20.1.0" }],
      forms: [{ since: "20.1.0", class: "gunicorn.workers.sync.SyncWorker" }],
    },
    {
      name: "eventlet",
      spans: [{ since: "20.1.0", until: "26.0.0" }],
      forms: [
        { since: "20.1.0", class: "gunicorn.workers.geventlet.EventletWorker" },
        { since: "25.0.0", class: "gunicorn.workers.geventlet.EventletWorker", deprecated: "DEPRECATED: will be removed in 26.0" },
      ],
    },
    {
      name: "gevent",
      spans: [{ since: "20.1.0" }],
      forms: [{ since: "20.1.0", class: "gunicorn.workers.ggevent.GeventWorker" }],
    },
    {
      name: "gevent_wsgi",
      spans: [{ since: "20.1.0" }],
      forms: [{ since: "20.1.0", class: "gunicorn.workers.ggevent.GeventPyWSGIWorker" }],
    },
    {
      name: "gevent_pywsgi",
      spans: [{ since: "20.1.0" }],
      forms: [{ since: "20.1.0", class: "gunicorn.workers.ggevent.GeventPyWSGIWorker" }],
    },
    {
      name: "tornado",
      spans: [{ since: "20.1.0" }],
      forms: [{ since: "20.1.0", class: "gunicorn.workers.gtornado.TornadoWorker" }],
    },
    {
      name: "gthread",
      spans: [{ since: "20.1.0" }],
      forms: [{ since: "20.1.0", class: "gunicorn.workers.gthread.ThreadWorker" }],
    },
    {
      name: "asgi",
      spans: [{ since: "24.0.0" }],
      forms: [{ since: "24.0.0", class: "gunicorn.workers.gasgi.ASGIWorker" }],
    },
  ],
};
