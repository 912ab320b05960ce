// Code under unit test logs through src/log.ts, which needs a host: give it one that records.
import { useHost } from '../../src/host/host.ts';
import { RecordingHost } from './recording-host.ts';

useHost(new RecordingHost());
