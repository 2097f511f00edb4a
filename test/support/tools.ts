// Tests run against real components. A missing tool fails the test with the exact install
// command; it never skips. `.ci/run` installs all of them on Debian.
import { execFileSync } from 'node:child_process';

const INSTALL: Record<string, string> = {
  adb: 'apt-get install -y adb',
  age: 'apt-get install -y age',
  'age-keygen': 'apt-get install -y age',
  rclone: 'apt-get install -y rclone',
  apache2: 'apt-get install -y apache2',
  htpasswd: 'apt-get install -y apache2-utils',
  strace: 'apt-get install -y strace',
  chromium: 'apt-get install -y chromium',
  xmllint: 'apt-get install -y libxml2-utils',
  unzip: 'apt-get install -y unzip',
  script: 'apt-get install -y bsdutils',
};

/** Returns the absolute path of a required tool, or throws saying how to install it. */
export function requireTool(name: string): string {
  try {
    return execFileSync('which', [name], { encoding: 'utf8' }).trim();
  } catch {
    // `which` exits non-zero when the tool is absent: turn that into an actionable failure.
    const how = INSTALL[name] ?? `install "${name}"`;
    throw new Error(`This test needs "${name}", which is not installed. Run: ${how}`);
  }
}
