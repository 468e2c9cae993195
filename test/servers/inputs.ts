// A wide table of values as a config file, the environment or a command line hands them to a
// validator: text in every spelling int()/bool parsing cares about, and Python values of each type.
import { pyFloat, pyList, type Py, py } from '../../src/servers/py.js';

const fn = (name: string, arity: number): Py => ({ kind: 'function', name, arity });
const tuple = (...items: Py[]): Py => pyList(items, 'tuple');
const dict = (entries: [string, Py][]): Py => ({ kind: 'dict', entries: entries.map(([k, v]) => [py(k), v]) });

export const TEXT: string[] = [
  '3', ' 3 ', '+3', '-1', '-0', '0x10', '0X1f', '0o17', '0b11', '017', '00', '0_0', '1_000', '1__000', '_1', '1_', '0x_1f', '0x',
  '3.0', '2.5', '1e3', '.5', '5.', '1_0.5', 'inf', '-Infinity', 'nan', '', ' ', 'abc',
  'true', 'True', ' TRUE ', 'false', 'FALSE', 't', 'yes', 'y', 'on', 'off', 'no', '1', '0', 'maybe',
  '\u0661\u0662', '\u00b2', '\t7\n', '\u20037', '\u00a07', '\u001c5', '\ufeff5', '\u0000', '9'.repeat(5000), '12345678901234567890',
  '127.0.0.1:8000', 'a:b:c', 'host:x', 'unix:8125', 'unix://tmp/x.sock', 'fd://3', 'fd://x', 'tcp://Host:1', '[::1]:9', 'HOST',
  'SSLv23', 'TLS', 'TLSv1_2', 'poll', 'auto', 'inotify', 'Auto', 'mod.func', 'func', '.f',
  'root', 'nosuchuser_xyz_1', '/', '/nonexistent/dir', 'a,b, c', ',,a,', ' , a', "x'y", 'q"q', 'it\'s "both"', 'ünïcode',
  'one two\nthree\r\n  four  ', 'a\u2028b', '/a/', '//x//y//',
];

export const VALUES: Py[] = [
  ...TEXT.map(py),
  py(0), py(1), py(3), py(-1), py(-5), py(2n ** 70n),
  pyFloat(2.5), pyFloat(3), pyFloat(-0.5), pyFloat(0), pyFloat(1e16), pyFloat(1e-5), pyFloat(Infinity), pyFloat(NaN),
  py(true), py(false), py(null),
  py([]), py(['a', ' b ']), py([1, 2]), py([null]), py(['x', 3]), tuple(py('a')), tuple(),
  dict([]), dict([['a', py(1)]]), pyList([py('s')], 'set'),
  fn('f1', 1), fn('f2', 2), fn('f4', 4),
];
