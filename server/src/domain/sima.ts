/**
 * SIMA (測量データ共通フォーマット) coordinate files as surveyors hand them over: A01 lines are the
 * points (番号, 点名, X northing, Y easting), D00 … D99 blocks (区画) list a boundary's points by
 * B01 lines. Pure, no I/O. Each block becomes one boundary record with its points.
 */
import { SurveyPoint } from './survey';

export interface SimaBlock {
  /** Line of the D00 that opens the block. */
  line: number;
  name: string;
  points: SurveyPoint[];
}

export interface SimaProblem { line: number; code: 'simaPoint' | 'simaUnknownPoint' | 'simaBlock'; message: string }

const NUMBER = /^[+-]?\d+(\.\d+)?$/;

export function parseSima(text: string): { points: Map<string, SurveyPoint>; blocks: SimaBlock[]; problems: SimaProblem[] } {
  const points = new Map<string, SurveyPoint>();
  const byNumber = new Map<string, SurveyPoint>();
  const blocks: SimaBlock[] = [];
  const problems: SimaProblem[] = [];
  let block: SimaBlock | null = null;
  text.normalize('NFKC').split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const cells = raw.split(',').map((c) => c.trim());
    switch (cells[0]) {
      case 'A01': {
        const [, no, name, x, y] = cells;
        if (!NUMBER.test(x ?? '') || !NUMBER.test(y ?? '')) {
          problems.push({ line, code: 'simaPoint', message: `A01 point ${name ?? ''} needs numeric X and Y` });
          return;
        }
        // Surveyors' files carry metres to the millimetre; more decimals are float noise.
        const point = { name: name || no, x: Number(x).toFixed(3), y: Number(y).toFixed(3) };
        points.set(point.name, point);
        byNumber.set(no, point);
        return;
      }
      case 'D00':
        if (block) problems.push({ line, code: 'simaBlock', message: `block ${block.name} has no D99` });
        block = { line, name: cells[2] || cells[1] || String(blocks.length + 1), points: [] };
        return;
      case 'B01': {
        const point = byNumber.get(cells[1]) ?? points.get(cells[2]);
        if (!block) { problems.push({ line, code: 'simaBlock', message: 'B01 outside a D00 … D99 block' }); return; }
        if (!point) { problems.push({ line, code: 'simaUnknownPoint', message: `point ${cells[2] || cells[1]} is not among the A01 points` }); return; }
        // A closed block repeats its first point at the end; the record closes itself.
        if (!(block.points.length > 0 && block.points[0] === point)) block.points.push(point);
        return;
      }
      case 'D99':
        if (!block) { problems.push({ line, code: 'simaBlock', message: 'D99 without D00' }); return; }
        blocks.push(block);
        block = null;
        return;
      default:
    }
  });
  if (block) problems.push({ line: (block as SimaBlock).line, code: 'simaBlock', message: `block ${(block as SimaBlock).name} has no D99` });
  return { points, blocks, problems };
}

/** A block as the coordinate table the survey path takes ("name,X,Y" per line). */
export const simaTable = (block: SimaBlock) => block.points.map((p) => `${p.name},${p.x},${p.y}`).join('\n');
