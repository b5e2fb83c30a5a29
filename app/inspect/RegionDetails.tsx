/** The selected region: where it is, the evidence it was recognised by (magic, table, checksums), its fields, its warnings, its bytes. */
import { useState } from 'react';
import { formatHex, formatHuman } from '../../src/model/units';
import type { Region } from '../../src/inspect';
import { HexView } from './HexView';

const EVIDENCE = ['magic', 'table', 'crc', 'headerCrc', 'checksum', 'sha256', 'md5', 'source', 'primaryHeader', 'backupHeader', 'readable', 'truncated'];

const show = (value: unknown): string => {
  if (typeof value === 'string') return value;
  const text = JSON.stringify(value);
  return text.length > 240 ? `${text.slice(0, 240)}…` : text;
};

export function RegionDetails({ file, region }: { file: File; region: Region }) {
  const [hex, setHex] = useState(false);
  const entries = Object.entries(region.details).filter(([, value]) => value !== undefined);
  const evidence = entries.filter(([key]) => EVIDENCE.includes(key));
  const fields = entries.filter(([key]) => !EVIDENCE.includes(key));
  return (
    <section className="panel inspect-details" aria-label="Region details">
      <h2>
        {region.type}
        {region.name ? ` “${region.name}”` : ''}
      </h2>
      <p className="num">
        {formatHex(region.offset)}–{formatHex(region.offset + region.size)} · {formatHuman(region.size)}
      </p>
      {evidence.length > 0 && (
        <>
          <h3>Evidence</h3>
          <dl className="inspect-fields">
            {evidence.map(([key, value]) => (
              <div key={key}>
                <dt>{key}</dt>
                <dd className="num">{show(value)}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
      {region.warnings.length > 0 && (
        <ul className="inspect-warnings" aria-label="Warnings">
          {region.warnings.map((w, i) => (
            <li key={i}>{w.message}</li>
          ))}
        </ul>
      )}
      {fields.length > 0 && (
        <dl className="inspect-fields">
          {fields.map(([key, value]) => (
            <div key={key}>
              <dt>{key}</dt>
              <dd className="num">{show(value)}</dd>
            </div>
          ))}
        </dl>
      )}
      <button type="button" aria-expanded={hex} onClick={() => setHex(!hex)}>
        {hex ? 'Hide bytes' : 'Show bytes'}
      </button>
      {hex && <HexView file={file} offset={region.offset} size={region.size} />}
    </section>
  );
}
