import { describe, expect, it } from 'vitest';
import type { KindSpec, ParamSpec } from '../api';
import {
  SECRET_MASK,
  formFields,
  initialValues,
  isIdentifier,
  kindOf,
  missingOneOf,
  normaliseLines,
  paramsSummary,
  parseDuration,
  parseInterval,
  placeholder,
  sameParams,
  serialiseParams,
} from './params';

const param = (name: string, type: ParamSpec['type'], extra: Partial<ParamSpec> = {}): ParamSpec => ({
  name,
  type,
  required: false,
  default: null,
  secret: type === 'secret',
  ...extra,
});

const fields: ParamSpec[] = [
  param('host', 'string', { default: '127.0.0.1' }),
  param('port', 'int', { required: true, min: 1, max: 65535 }),
  param('timeout', 'duration', { default: '10s' }),
  param('tls', 'bool', { default: false }),
  param('patterns', 'lines'),
  param('password', 'secret'),
];

describe('durations and lines', () => {
  it('parses the documented duration forms only', () => {
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration(' 5s ')).toBe(5000);
    expect(parseDuration('2m')).toBe(120_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    for (const bad of ['5', '1.5s', '5 s', '-1s', '1d', '', 's']) expect(parseDuration(bad)).toBeNull();
  });

  it('normalises lines: one entry per line, no blank lines or trailing spaces', () => {
    expect(normaliseLines('CRITICAL error  \r\n\n  WARNING warn\n   \n')).toBe('CRITICAL error\n  WARNING warn');
  });
});

describe('serialiseParams', () => {
  it('serialises valid values as text and leaves empty optional fields to the server default', () => {
    const out = serialiseParams(fields, { host: '', port: ' 80 ', timeout: '5s', tls: true, patterns: 'CRITICAL a\n\nOK b\n', password: '' }, {});
    expect(out.errors).toEqual({});
    expect(out.params).toEqual({ port: '80', timeout: '5s', tls: 'true', patterns: 'CRITICAL a\nOK b' });
  });

  it('reports missing required fields and values of the wrong type', () => {
    expect(serialiseParams(fields, { port: '' }, {}).errors).toEqual({ port: 'port is required' });
    expect(serialiseParams(fields, { port: '80x' }, {}).errors.port).toMatch(/whole number/);
    expect(serialiseParams(fields, { port: '0' }, {}).errors.port).toBe('port must be at least 1');
    expect(serialiseParams(fields, { port: '70000' }, {}).errors.port).toBe('port must be at most 65535');
    expect(serialiseParams(fields, { port: '1', timeout: '10' }, {}).errors.timeout).toMatch(/duration like 500ms/);
  });

  it('keeps a stored secret by sending the mask back, and sends a new one as typed', () => {
    expect(serialiseParams(fields, { port: '1', password: '' }, { password: SECRET_MASK }).params.password).toBe(SECRET_MASK);
    expect(serialiseParams(fields, { port: '1', password: ' s3cret ' }, { password: SECRET_MASK }).params.password).toBe(' s3cret ');
    expect(serialiseParams(fields, { port: '1', password: '' }, {}).params).not.toHaveProperty('password');
  });

  it('requires a secret only when none is stored', () => {
    const required = [param('password', 'secret', { required: true })];
    expect(serialiseParams(required, { password: '' }, {}).errors.password).toBe('password is required');
    expect(serialiseParams(required, { password: '' }, { password: SECRET_MASK }).errors).toEqual({});
  });
});

describe('catalog rules', () => {
  it('accepts only the listed values of a param that has them', () => {
    const driver = [param('driver', 'string', { required: true, values: ['postgresql', 'mariadb', 'mysql'] })];
    expect(serialiseParams(driver, { driver: 'mariadb' }, {}).params).toEqual({ driver: 'mariadb' });
    expect(serialiseParams(driver, { driver: 'oracle' }, {}).errors.driver).toBe('driver must be one of postgresql, mariadb, mysql');
  });

  it('enforces "at least one of"', () => {
    const kind: KindSpec = { kind: 'process', collector: false, label: 'Process', runsOn: ['agent'], params: [], requireOneOf: ['name', 'cmdline', 'user'], metrics: [] };
    expect(missingOneOf(kind, { min: '1' })).toBe('Set at least one of name, cmdline, user');
    expect(missingOneOf(kind, { cmdline: 'nginx' })).toBeNull();
    expect(missingOneOf({ ...kind, requireOneOf: [] }, {})).toBeNull();
  });
});

describe('form set-up', () => {
  it('starts from stored values, bool defaults, and an empty secret with the mask as placeholder', () => {
    const stored = { port: '80', password: SECRET_MASK, tls: 'true' };
    expect(initialValues(fields, stored)).toEqual({ host: '', port: '80', timeout: '', tls: true, patterns: '', password: '' });
    expect(initialValues(fields, {}).tls).toBe(false);
    expect(placeholder(fields[5]!, stored)).toBe(SECRET_MASK);
    expect(placeholder(fields[5]!, {})).toBe('');
    expect(placeholder(fields[2]!, {})).toBe('10s');
  });

  it('keeps stored params the catalog does not know as text fields', () => {
    const kind: KindSpec = { kind: 'port', collector: false, label: 'TCP port', runsOn: ['agent'], params: fields, metrics: [] };
    expect(formFields(kind, { port: '1', legacy: 'x' }).map((f) => f.name)).toEqual([...fields.map((f) => f.name), 'legacy']);
    expect(formFields(undefined, { a: '1' })[0]).toMatchObject({ name: 'a', type: 'string' });
  });

  it('finds the catalog entry of a check by kind and of a collector by key', () => {
    const kinds: KindSpec[] = [
      { kind: 'port', collector: false, label: 'TCP port', runsOn: ['agent'], params: [], metrics: [] },
      { kind: 'cpu', collector: true, label: 'CPU', runsOn: ['agent'], params: [], metrics: [] },
    ];
    expect(kindOf(kinds, { key: 'nginx_port', kind: 'port' })?.label).toBe('TCP port');
    expect(kindOf(kinds, { key: 'cpu', kind: null })?.label).toBe('CPU');
    expect(kindOf(kinds, { key: 'mem', kind: null })).toBeUndefined();
  });

  it('validates intervals and item keys', () => {
    expect(parseInterval('30')).toEqual({ seconds: 30 });
    expect(parseInterval(86400)).toEqual({ seconds: 86400 });
    expect(parseInterval('0')).toHaveProperty('error');
    expect(parseInterval('86401')).toHaveProperty('error');
    expect(parseInterval('1.5')).toHaveProperty('error');
    expect(isIdentifier('nginx_port')).toBe(true);
    expect(isIdentifier('Nginx')).toBe(false);
    expect(isIdentifier('1port')).toBe(false);
  });

  it('compares and summarises params', () => {
    expect(sameParams({ a: '1', b: '2' }, { b: '2', a: '1' })).toBe(true);
    expect(sameParams({ a: '1' }, { a: '1', b: '' })).toBe(false);
    expect(paramsSummary({ port: '80', patterns: 'CRITICAL x\nOK y' })).toBe('port=80, patterns=CRITICAL x ⏎ OK y');
  });
});
