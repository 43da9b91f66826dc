/**
 * The weight histogram of a plastic run (the STDP choice), drawn on a canvas each time the worker
 * sends the current weights: synapses per bin over [0, wmax], with the mean and the fractions near
 * the bounds as text. Colours follow `@spikeflow/plot` (excitatory blue).
 */
import { COLORS } from './plots.js';
import type { WeightHistogram } from './stdp.js';

const MARGIN = { left: 54, right: 16, top: 26, bottom: 34 };

/** Logical size of the histogram in CSS pixels. */
export const HISTOGRAM_SIZE = { width: 900, height: 220 };

export class WeightHistogramPlot {
  private ctx: CanvasRenderingContext2D;
  private readonly scale: number;
  /** Synapses counted in the last histogram drawn (0 before any). */
  drawn = 0;

  constructor(private readonly canvas: HTMLCanvasElement) {
    this.scale = Math.max(1, Math.min(3, globalThis.devicePixelRatio || 1));
    canvas.width = HISTOGRAM_SIZE.width * this.scale;
    canvas.height = HISTOGRAM_SIZE.height * this.scale;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this browser gives no 2-d canvas');
    this.ctx = ctx;
    this.clear();
  }

  /** Clears the figure (a new run). */
  clear(): void {
    this.drawn = 0;
    this.ctx.fillStyle = '#ffffff';
    this.ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
  }

  /** Draws histogram `h`, replacing the previous one; `time` (ms) labels it. */
  draw(h: WeightHistogram, time: number): void {
    this.clear();
    const ctx = this.ctx;
    const px = (v: number) => v * this.scale;
    const w = HISTOGRAM_SIZE.width - MARGIN.left - MARGIN.right;
    const height = HISTOGRAM_SIZE.height - MARGIN.top - MARGIN.bottom;
    const max = Math.max(1, ...h.counts);
    const bw = w / h.counts.length;
    ctx.strokeStyle = COLORS.grid;
    ctx.lineWidth = this.scale;
    ctx.strokeRect(px(MARGIN.left), px(MARGIN.top), px(w), px(height));
    ctx.fillStyle = COLORS.excitatory;
    ctx.globalAlpha = 0.75;
    h.counts.forEach((c, k) => {
      const bh = (c / max) * (height - 4);
      if (c > 0) ctx.fillRect(px(MARGIN.left + k * bw + 0.5), px(MARGIN.top + height - bh), px(bw - 1), px(bh));
    });
    ctx.globalAlpha = 1;
    const text = (s: string, x: number, y: number, align: CanvasTextAlign, color: string = COLORS.muted, size = 10) => {
      ctx.fillStyle = color;
      ctx.font = `${size * this.scale}px system-ui, -apple-system, 'Segoe UI', sans-serif`;
      ctx.textAlign = align;
      ctx.fillText(s, px(x), px(y));
    };
    const total = h.counts.reduce((a, b) => a + b, 0);
    text(`weights at ${Math.round(time)} ms: mean ${(h.mean * 100).toFixed(0)} % of wmax, ${(h.low * 100).toFixed(0)} % below 0.1 wmax, ${(h.high * 100).toFixed(0)} % above 0.9 wmax (${total} synapses)`, MARGIN.left + w / 2, MARGIN.top - 9, 'center', COLORS.ink, 12);
    for (const f of [0, 0.5, 1]) text(`${+(f * h.wmax).toFixed(3)}`, MARGIN.left + f * w, MARGIN.top + height + 13, f === 0 ? 'left' : f === 1 ? 'right' : 'center');
    text(`weight (${h.unit})`, MARGIN.left + w / 2, MARGIN.top + height + 27, 'center');
    text(String(max), MARGIN.left - 4, MARGIN.top + 9, 'right');
    text('0', MARGIN.left - 4, MARGIN.top + height, 'right');
    ctx.save();
    ctx.translate(px(14), px(MARGIN.top + height / 2));
    ctx.rotate(-Math.PI / 2);
    text('synapses', 0, 0, 'center');
    ctx.restore();
    this.drawn = total;
  }
}
