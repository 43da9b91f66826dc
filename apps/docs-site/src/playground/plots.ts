/**
 * Live raster and population-activity plots on a canvas, drawn as chunks of spikes arrive: one
 * column per population (activity above, raster below), a shared time axis. New spikes are drawn
 * incrementally; activity bars are redrawn per chunk (cheap). Colours follow `@spikeflow/plot`:
 * excitatory blue, inhibitory red.
 */
import type { PopulationInfo, RunChunk, RunStart } from './run.js';

export const COLORS = { excitatory: '#2f6db5', inhibitory: '#c8423b', ink: '#333333', muted: '#777777', grid: '#e4e4e4' } as const;

const MARGIN = { left: 54, right: 10, top: 24, bottom: 30, gap: 22, between: 10 };
const ACTIVITY_HEIGHT = 80;
const RASTER_HEIGHT = 170;

interface Column {
  readonly info: PopulationInfo;
  readonly x: number;
  readonly width: number;
  readonly color: string;
  bins: Int32Array;
}

/** Logical size of the figure in CSS pixels. */
export const PLOT_SIZE = { width: 900, height: MARGIN.top + ACTIVITY_HEIGHT + MARGIN.between + RASTER_HEIGHT + MARGIN.bottom + 16 };

export class LivePlot {
  private ctx: CanvasRenderingContext2D;
  private start: RunStart | undefined;
  private columns: Column[] = [];
  private readonly scale: number;
  private done = 0;

  constructor(private readonly canvas: HTMLCanvasElement) {
    this.scale = Math.max(1, Math.min(3, globalThis.devicePixelRatio || 1));
    canvas.width = PLOT_SIZE.width * this.scale;
    canvas.height = PLOT_SIZE.height * this.scale;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this browser gives no 2-d canvas');
    this.ctx = ctx;
    this.clear();
  }

  /** Starts a new figure for a run. */
  reset(start: RunStart): void {
    this.start = start;
    this.done = 0;
    const n = start.populations.length;
    const inner = PLOT_SIZE.width - MARGIN.left - MARGIN.right - MARGIN.gap * (n - 1);
    const width = inner / Math.max(1, n);
    const bins = Math.max(1, Math.ceil(start.steps / start.binSteps));
    this.columns = start.populations.map((info, i) => ({
      info,
      x: MARGIN.left + i * (width + MARGIN.gap),
      width,
      color: info.sign === 'inhibitory' ? COLORS.inhibitory : COLORS.excitatory,
      bins: new Int32Array(bins),
    }));
    this.clear();
    this.drawFrame();
  }

  /** Adds one chunk of spikes: rasters grow, activity is redrawn, progress advances. */
  add(chunk: RunChunk): void {
    const start = this.start;
    if (!start) return;
    const ctx = this.ctx;
    const rasterTop = MARGIN.top + ACTIVITY_HEIGHT + MARGIN.between;
    for (const col of this.columns) {
      const spikes = chunk.spikes[col.info.name];
      if (!spikes) continue;
      ctx.fillStyle = col.color;
      const xs = col.width / start.steps;
      const ys = RASTER_HEIGHT / col.info.size;
      const w = Math.max(1 / this.scale, Math.min(2, xs));
      const h = Math.max(1 / this.scale, Math.min(2, ys));
      for (let k = 0; k < spikes.steps.length; k++) {
        const step = spikes.steps[k]!;
        const neuron = spikes.neurons[k]!;
        ctx.fillRect(this.px(col.x + step * xs), this.px(rasterTop + RASTER_HEIGHT - (neuron + 1) * ys), w * this.scale, h * this.scale);
        const b = Math.floor(step / start.binSteps);
        if (b < col.bins.length) col.bins[b]! += 1;
      }
    }
    this.done = chunk.done;
    this.drawActivity();
    this.drawProgress();
  }

  private px(v: number): number {
    return v * this.scale;
  }

  private clear(): void {
    this.ctx.fillStyle = '#ffffff';
    this.ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
  }

  private text(s: string, x: number, y: number, align: CanvasTextAlign, color: string = COLORS.ink, size = 11): void {
    const ctx = this.ctx;
    ctx.fillStyle = color;
    ctx.font = `${size * this.scale}px system-ui, -apple-system, 'Segoe UI', sans-serif`;
    ctx.textAlign = align;
    ctx.fillText(s, this.px(x), this.px(y));
  }

  private drawFrame(): void {
    const start = this.start!;
    const ctx = this.ctx;
    const rasterTop = MARGIN.top + ACTIVITY_HEIGHT + MARGIN.between;
    const durationMs = start.steps * start.dt;
    ctx.strokeStyle = COLORS.grid;
    ctx.lineWidth = this.scale;
    for (const [i, col] of this.columns.entries()) {
      this.text(`${col.info.name} · ${col.info.size} ${col.info.sign}`, col.x + col.width / 2, MARGIN.top - 8, 'center', col.color, 12);
      ctx.strokeRect(this.px(col.x), this.px(rasterTop), this.px(col.width), this.px(RASTER_HEIGHT));
      const axisY = rasterTop + RASTER_HEIGHT;
      for (const f of [0, 0.5, 1]) this.text(`${round(f * durationMs)}`, col.x + f * col.width, axisY + 13, f === 0 ? 'left' : f === 1 ? 'right' : 'center', COLORS.muted, 10);
      this.text('time (ms)', col.x + col.width / 2, axisY + 26, 'center', COLORS.muted, 10);
      if (i === 0) {
        ctx.save();
        ctx.translate(this.px(10), this.px(rasterTop + RASTER_HEIGHT / 2));
        ctx.rotate(-Math.PI / 2);
        this.text('neuron', 0, 0, 'center', COLORS.muted, 10);
        ctx.restore();
        ctx.save();
        ctx.translate(this.px(10), this.px(MARGIN.top + ACTIVITY_HEIGHT / 2));
        ctx.rotate(-Math.PI / 2);
        this.text('spikes/bin', 0, 0, 'center', COLORS.muted, 10);
        ctx.restore();
      }
    }
    this.drawActivity();
  }

  private drawActivity(): void {
    const start = this.start!;
    const ctx = this.ctx;
    const top = MARGIN.top;
    let max = 1;
    for (const col of this.columns) for (const c of col.bins) max = Math.max(max, c);
    for (const col of this.columns) {
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(this.px(col.x - 1), this.px(top - 1), this.px(col.width + 2), this.px(ACTIVITY_HEIGHT + 2));
      ctx.strokeStyle = COLORS.grid;
      ctx.strokeRect(this.px(col.x), this.px(top), this.px(col.width), this.px(ACTIVITY_HEIGHT));
      ctx.fillStyle = col.color;
      ctx.globalAlpha = 0.75;
      const bw = (col.width * start.binSteps) / start.steps;
      col.bins.forEach((count, b) => {
        if (count === 0) return;
        const h = (count / max) * (ACTIVITY_HEIGHT - 4);
        ctx.fillRect(this.px(col.x + b * bw + 0.5), this.px(top + ACTIVITY_HEIGHT - h), this.px(Math.max(0.5, Math.min(bw, col.width - b * bw) - 1)), this.px(h));
      });
      ctx.globalAlpha = 1;
    }
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(this.px(18), this.px(top - 2), this.px(MARGIN.left - 22), this.px(ACTIVITY_HEIGHT + 4));
    this.text(String(max), MARGIN.left - 4, top + 9, 'right', COLORS.muted, 10);
    this.text('0', MARGIN.left - 4, top + ACTIVITY_HEIGHT, 'right', COLORS.muted, 10);
  }

  private drawProgress(): void {
    const start = this.start!;
    const ctx = this.ctx;
    const y = PLOT_SIZE.height - 6;
    ctx.fillStyle = COLORS.grid;
    ctx.fillRect(this.px(MARGIN.left), this.px(y), this.px(PLOT_SIZE.width - MARGIN.left - MARGIN.right), this.px(3));
    ctx.fillStyle = COLORS.muted;
    ctx.fillRect(this.px(MARGIN.left), this.px(y), this.px(((PLOT_SIZE.width - MARGIN.left - MARGIN.right) * this.done) / start.steps), this.px(3));
  }
}

const round = (v: number): string => String(Math.round(v * 100) / 100);
