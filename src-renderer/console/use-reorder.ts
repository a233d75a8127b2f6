import { useState, type DragEvent, type KeyboardEvent } from 'react';

/**
 * A list the facilitator reorders by dragging a row or with Alt+↑/↓ on it (agenda items, speakers).
 * `move(id, index)` asks the host; the list itself changes when the host's projection does.
 */
export function useReorder(move: (id: string, index: number) => void) {
  const [dragged, setDragged] = useState<string | null>(null);
  return {
    onDragStart: (id: string) => setDragged(id),
    onDrop: (e: DragEvent, index: number) => {
      e.preventDefault();
      if (dragged) move(dragged, index);
      setDragged(null);
    },
    onRowKey: (e: KeyboardEvent<HTMLLIElement>, index: number, id: string) => {
      if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
      e.preventDefault();
      move(id, index + (e.key === 'ArrowUp' ? -1 : 1));
    },
  };
}
