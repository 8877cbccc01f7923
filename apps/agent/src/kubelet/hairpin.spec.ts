import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { enableHairpin } from './hairpin';

describe('hairpin mode', () => {
  let sysfs: string;
  beforeEach(() => {
    sysfs = fs.mkdtempSync(path.join(os.tmpdir(), 'hairpin-'));
    for (const [port, mode] of [['veth1', '0'], ['veth2', '1']]) {
      fs.mkdirSync(path.join(sysfs, 'docker0', 'brif', port), { recursive: true });
      fs.writeFileSync(path.join(sysfs, 'docker0', 'brif', port, 'hairpin_mode'), `${mode}\n`);
    }
  });
  afterEach(() => fs.rmSync(sysfs, { recursive: true, force: true }));

  it('turns it on for every port of the bridge that lacks it', () => {
    expect(enableHairpin('docker0', sysfs)).toBeUndefined();
    for (const port of ['veth1', 'veth2']) expect(fs.readFileSync(path.join(sysfs, 'docker0', 'brif', port, 'hairpin_mode'), 'utf8').trim()).toBe('1');
  });

  it('says why when it cannot', () => {
    expect(enableHairpin('nosuchbridge', sysfs)).toMatch(/ENOENT/);
  });
});
