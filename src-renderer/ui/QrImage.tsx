import { useEffect, useState } from 'react';
import QRCode from 'qrcode';
import { t } from './i18n';

/** The join QR as an SVG image (crisp at any size, drawn locally, no canvas needed). */
export function QrImage({ url, className, alt }: { url: string; className?: string; alt?: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
      .then((svg) => {
        if (live) setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
      })
      .catch(() => {
        if (live) setSrc(null);
      });
    return () => {
      live = false;
    };
  }, [url]);
  if (!src) return <div className={className} aria-hidden="true" />;
  return <img className={className} src={src} alt={alt ?? t('common.qrAlt')} />;
}
