// The paper's frame on the map for print-what-I-see. It follows the map centre until the user drags it by its
// label (or moves it with the arrow keys); from then on it stays on its place on the ground while the map moves.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { createPortal } from 'react-dom';
import { useI18n } from '../i18n';

interface Props {
  map: MapLibreMap;
  /** The sheet's centre: the map centre, or where the frame was dragged. */
  centre: [number, number];
  /** The frame was dragged: it is drawn at `centre`, not at the middle of the map. */
  placed: boolean;
  width: number;
  height: number;
  label: string;
  paper: string;
  scale: number;
  onMove: (centre: [number, number]) => void;
}

/** Arrow keys move the frame by this many screen pixels (with Shift, five times as far). */
const KEY_STEP_PX = 20;

export function PrintFrame({ map, centre, placed, width, height, label, paper, scale, onMove }: Props) {
  const { t } = useI18n();
  const grab = useRef<{ dx: number; dy: number } | null>(null);
  const at = map.project(centre);

  function moveTo(x: number, y: number) {
    const { lng, lat } = map.unproject([x, y]);
    onMove([lng, lat]);
  }

  function local(e: PointerEvent) {
    const rect = map.getContainer().getBoundingClientRect();
    return { x: e.clientX - rect.left, y: e.clientY - rect.top };
  }

  const handlers = {
    onPointerDown(e: PointerEvent<HTMLButtonElement>) {
      const p = local(e);
      grab.current = { dx: p.x - at.x, dy: p.y - at.y };
      e.currentTarget.setPointerCapture(e.pointerId);
      e.preventDefault();
    },
    onPointerMove(e: PointerEvent<HTMLButtonElement>) {
      if (!grab.current) return;
      const p = local(e);
      moveTo(p.x - grab.current.dx, p.y - grab.current.dy);
    },
    onPointerUp(e: PointerEvent<HTMLButtonElement>) {
      grab.current = null;
      e.currentTarget.releasePointerCapture(e.pointerId);
    },
    onKeyDown(e: KeyboardEvent<HTMLButtonElement>) {
      const step = e.shiftKey ? KEY_STEP_PX * 5 : KEY_STEP_PX;
      const delta = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }[e.key];
      if (!delta) return;
      e.preventDefault();
      moveTo(at.x + delta[0], at.y + delta[1]);
    },
  };

  return createPortal(
    <div
      className="print-frame"
      data-paper={paper}
      data-scale={scale}
      data-placed={placed}
      style={{ width: `${width}px`, height: `${height}px`, ...(placed ? { left: `${at.x}px`, top: `${at.y}px` } : {}) }}
    >
      <button type="button" className="print-frame-handle" aria-label={t('printFrameMove', { label })} {...handlers}>
        {label} <span aria-hidden="true">✥</span>
      </button>
    </div>,
    map.getContainer(),
  );
}
