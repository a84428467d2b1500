import { ClearOutlined } from '@ant-design/icons';
import { Button, Flex, Typography, theme } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import SignaturePad from 'signature_pad';
import { TAP_HEIGHT_PX } from '../model';

/** The pad's height on screen (CSS px); its width follows the form. */
const PAD_HEIGHT_PX = 200;

/** `data:image/png;base64,…` → the PNG bytes as a Blob, for the upload. */
export function dataUrlToBlob(dataUrl: string): Blob {
  const [head = '', body = ''] = dataUrl.split(',');
  const type = /^data:([^;,]+)/.exec(head)?.[1] ?? 'image/png';
  const bytes = Uint8Array.from(atob(body), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type });
}

/**
 * 签名: the merchant signs with a finger (or a mouse) on a pad (signature_pad). As a form input its value
 * is the signature as a PNG data URL, undefined while the pad is empty; "clear" starts over. The canvas
 * keeps its strokes when the screen turns or the window is resized.
 */
export function SignaturePadField({
  value,
  onChange,
  id,
}: {
  value?: string | undefined;
  onChange?: (value: string | undefined) => void;
  id?: string;
}) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePad | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const pad = new SignaturePad(canvas, {
      backgroundColor: 'rgb(255, 255, 255)',
      penColor: 'rgb(17, 17, 17)',
      minWidth: 1,
      maxWidth: 3,
    });
    padRef.current = pad;
    // The bitmap at the device's pixel ratio, redrawn from the strokes whenever the box changes size.
    const fit = () => {
      const ratio = Math.max(window.devicePixelRatio || 1, 1);
      const width = Math.round(canvas.offsetWidth * ratio);
      const height = Math.round(canvas.offsetHeight * ratio);
      if (width === 0 || (canvas.width === width && canvas.height === height)) return;
      const strokes = pad.toData();
      canvas.width = width;
      canvas.height = height;
      canvas.getContext('2d')?.scale(ratio, ratio);
      pad.clear();
      pad.fromData(strokes);
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(canvas);
    const ended = () => onChangeRef.current?.(pad.isEmpty() ? undefined : pad.toDataURL('image/png'));
    pad.addEventListener('endStroke', ended);
    return () => {
      observer.disconnect();
      pad.removeEventListener('endStroke', ended);
      pad.off();
      padRef.current = null;
    };
  }, []);

  const clear = () => {
    padRef.current?.clear();
    onChange?.(undefined);
  };

  return (
    <Flex vertical gap={8} id={id}>
      <canvas
        ref={canvasRef}
        aria-label={t('workorders.site.signOff.signatureHint')}
        data-testid="site-signature"
        data-empty={value ? 'false' : 'true'}
        style={{
          width: '100%',
          height: PAD_HEIGHT_PX,
          border: `1px dashed ${token.colorBorder}`,
          borderRadius: token.borderRadiusLG,
          background: '#fff',
          touchAction: 'none',
          cursor: 'crosshair',
        }}
      />
      <Flex justify="space-between" align="center" gap={8}>
        <Typography.Text type="secondary">{t('workorders.site.signOff.signatureHint')}</Typography.Text>
        <Button
          icon={<ClearOutlined />}
          onClick={clear}
          disabled={!value}
          style={{ height: TAP_HEIGHT_PX, minWidth: 96 }}
          data-testid="site-signature-clear"
        >
          {t('workorders.site.signOff.clear')}
        </Button>
      </Flex>
    </Flex>
  );
}
