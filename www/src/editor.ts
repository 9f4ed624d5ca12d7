// The code editor: CodeMirror 6 with EVM mnemonic highlighting, breakpoints in the gutter,
// the current instruction's line marked, and an assembler error underlined where it is.
import { EditorState, StateEffect, StateField, RangeSet, type Extension } from '@codemirror/state';
import { EditorView, Decoration, type DecorationSet, gutter, GutterMarker, keymap, lineNumbers,
  highlightActiveLine } from '@codemirror/view';
import { StreamLanguage, syntaxHighlighting, HighlightStyle } from '@codemirror/language';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { tags } from '@lezer/highlight';

const mnemonics = StreamLanguage.define<null>({
  token(stream) {
    if (stream.eatSpace()) return null;
    if (stream.match(';') || stream.match('#') || stream.match('//')) {
      stream.skipToEnd();
      return 'comment';
    }
    if (stream.match(/^[A-Za-z_][A-Za-z0-9_]*:/)) return 'labelName';
    if (stream.match(/^@[A-Za-z0-9_]+/)) return 'link';
    if (stream.match(/^0x[0-9a-fA-F]*/) || stream.match(/^\d+/)) return 'number';
    if (stream.match(/^[A-Za-z][A-Za-z0-9_]*/)) return 'keyword';
    stream.next();
    return null;
  },
});

const style = HighlightStyle.define([
  { tag: tags.keyword, color: '#7c3aed', fontWeight: '600' },
  { tag: tags.number, color: '#b45309' },
  { tag: tags.comment, color: '#6b7280', fontStyle: 'italic' },
  { tag: tags.labelName, color: '#047857', fontWeight: '600' },
  { tag: tags.link, color: '#047857' },
]);

const toggleBreakpoint = StateEffect.define<number>();
const setBreakpoints = StateEffect.define<number[]>();
const setCurrent = StateEffect.define<number | null>();
const setError = StateEffect.define<{ line: number; column: number } | null>();

class Dot extends GutterMarker {
  toDOM() {
    const d = document.createElement('span');
    d.className = 'bp-dot';
    d.textContent = '●';
    return d;
  }
}
const dot = new Dot();

/** Breakpoint lines (1-based). */
const breakpointField = StateField.define<Set<number>>({
  create: () => new Set(),
  update(set, tr) {
    let out = set;
    for (const e of tr.effects) {
      if (e.is(setBreakpoints)) out = new Set(e.value);
      if (e.is(toggleBreakpoint)) {
        out = new Set(out);
        if (out.has(e.value)) out.delete(e.value);
        else out.add(e.value);
      }
    }
    return out;
  },
});

const breakpointGutter = gutter({
  class: 'cm-bp-gutter',
  markers: (view) => {
    const marks = [...view.state.field(breakpointField)]
      .filter((l) => l >= 1 && l <= view.state.doc.lines)
      .sort((a, b) => a - b)
      .map((l) => dot.range(view.state.doc.line(l).from));
    return RangeSet.of(marks);
  },
  initialSpacer: () => dot,
  domEventHandlers: {
    mousedown(view, block) {
      const line = view.state.doc.lineAt(block.from).number;
      view.dispatch({ effects: toggleBreakpoint.of(line) });
      return true;
    },
  },
});

const decorations = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(deco, tr) {
    deco = deco.map(tr.changes);
    for (const e of tr.effects) {
      if (e.is(setCurrent)) {
        deco = deco.update({ filter: (_f, _t, d) => d.spec.class !== 'cm-current-line' });
        if (e.value !== null && e.value <= tr.state.doc.lines) {
          const line = tr.state.doc.line(e.value);
          deco = deco.update({ add: [Decoration.line({ class: 'cm-current-line' }).range(line.from)] });
        }
      }
      if (e.is(setError)) {
        deco = deco.update({ filter: (_f, _t, d) => d.spec.class !== 'cm-asm-error' });
        if (e.value && e.value.line <= tr.state.doc.lines) {
          const line = tr.state.doc.line(e.value.line);
          const from = Math.min(line.from + Math.max(0, e.value.column - 1), line.to);
          const rest = line.text.slice(from - line.from);
          const to = Math.max(from + 1, from + (rest.match(/^\S+/)?.[0].length ?? 1));
          deco = deco.update({ add: [Decoration.mark({ class: 'cm-asm-error' }).range(from, Math.min(to, line.to) || from)] });
        }
      }
    }
    return deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

export class CodeEditor {
  view: EditorView;
  onChange: (text: string) => void = () => {};
  onBreakpoints: (lines: number[]) => void = () => {};

  constructor(parent: HTMLElement, keys: Extension) {
    this.view = new EditorView({
      parent,
      state: EditorState.create({
        doc: '',
        extensions: [
          keys, breakpointField, breakpointGutter, lineNumbers(), history(), highlightActiveLine(),
          keymap.of([...defaultKeymap, ...historyKeymap]), mnemonics, syntaxHighlighting(style), decorations,
          EditorView.updateListener.of((u) => {
            if (u.docChanged) this.onChange(u.state.doc.toString());
            const before = u.startState.field(breakpointField);
            const after = u.state.field(breakpointField);
            if (before !== after) this.onBreakpoints([...after].sort((a, b) => a - b));
          }),
          EditorView.contentAttributes.of({ 'aria-label': 'EVM code', spellcheck: 'false' }),
        ],
      }),
    });
  }

  get text() {
    return this.view.state.doc.toString();
  }

  set(text: string, breakpoints: number[]) {
    this.view.dispatch({
      changes: { from: 0, to: this.view.state.doc.length, insert: text },
      effects: [setBreakpoints.of(breakpoints), setCurrent.of(null), setError.of(null)],
    });
  }

  /** Marks the line of the current instruction (null: none) and scrolls to it. */
  current(line: number | null) {
    const effects: StateEffect<unknown>[] = [setCurrent.of(line)];
    if (line !== null && line <= this.view.state.doc.lines) {
      effects.push(EditorView.scrollIntoView(this.view.state.doc.line(line).from, { y: 'nearest' }));
    }
    this.view.dispatch({ effects });
  }

  error(at: { line: number; column: number } | null) {
    this.view.dispatch({ effects: setError.of(at) });
  }
}
