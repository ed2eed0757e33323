// Where each value of a JSON text starts, by JSON pointer, so that an error the API reports at a pointer
// can be shown at its line of the text the user is editing.

/** A JSON syntax error with the line (1-based) where it was found. */
export class JsonTextError extends SyntaxError {
  constructor(message, line) {
    super(`line ${line}: ${message}`);
    this.line = line;
  }
}

/** RFC 6901: "~" and "/" in a member name become "~0" and "~1" in a pointer. */
function escapeToken(name) {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}

const LITERAL = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

/**
 * The line of every value in `text`, keyed by its JSON pointer ("" for the whole document). A member's
 * line is the line of its name, where an editor's eye looks for it. Throws JsonTextError for text that
 * is not JSON.
 */
export function valueLines(text) {
  const lines = new Map();
  let i = 0;
  let line = 1;

  const fail = (message) => { throw new JsonTextError(message, line); };

  const skipSpace = () => {
    while (i < text.length) {
      const c = text[i];
      if (c === '\n') {
        line += 1;
        i += 1;
      } else if (c === ' ' || c === '\t' || c === '\r') {
        i += 1;
      } else {
        return;
      }
    }
  };

  const string = () => {
    const start = i;
    i += 1;
    while (i < text.length) {
      const c = text[i];
      if (c === '"') {
        i += 1;
        try {
          return JSON.parse(text.slice(start, i));
        } catch (e) {
          return fail('invalid escape in a string');
        }
      }
      if (c === '\n') {
        fail('line break inside a string');
      }
      i += c === '\\' ? 2 : 1;
    }
    return fail('string not closed');
  };

  const value = (pointer, memberLine) => {
    skipSpace();
    lines.set(pointer, memberLine === undefined ? line : memberLine);
    const c = text[i];
    if (c === '{') {
      i += 1;
      skipSpace();
      if (text[i] === '}') {
        i += 1;
        return;
      }
      for (;;) {
        skipSpace();
        if (text[i] !== '"') {
          fail('expected a member name in double quotes');
        }
        const nameLine = line;
        const name = string();
        skipSpace();
        if (text[i] !== ':') {
          fail(`expected ':' after "${name}"`);
        }
        i += 1;
        value(`${pointer}/${escapeToken(name)}`, nameLine);
        skipSpace();
        if (text[i] === ',') {
          i += 1;
        } else if (text[i] === '}') {
          i += 1;
          return;
        } else {
          fail("expected ',' or '}'");
        }
      }
    }
    if (c === '[') {
      i += 1;
      skipSpace();
      if (text[i] === ']') {
        i += 1;
        return;
      }
      for (let index = 0; ; index += 1) {
        value(`${pointer}/${index}`);
        skipSpace();
        if (text[i] === ',') {
          i += 1;
        } else if (text[i] === ']') {
          i += 1;
          return;
        } else {
          fail("expected ',' or ']'");
        }
      }
    }
    if (c === '"') {
      string();
      return;
    }
    LITERAL.lastIndex = i;
    const literal = LITERAL.exec(text);
    if (literal === null) {
      fail(c === undefined ? 'unexpected end of text' : `unexpected '${c}'`);
    }
    i = LITERAL.lastIndex;
  };

  value('');
  skipSpace();
  if (i < text.length) {
    fail('text after the end of the JSON value');
  }
  return lines;
}

/**
 * The line to show an error at: the line of the value at `pointer`, or, for a value that is missing
 * (a required member not written yet), the line of its nearest ancestor that is there.
 */
export function lineOfPointer(lines, pointer) {
  let current = pointer || '';
  for (;;) {
    if (lines.has(current)) {
      return lines.get(current);
    }
    if (current === '') {
      return 1;
    }
    current = current.slice(0, current.lastIndexOf('/'));
  }
}
