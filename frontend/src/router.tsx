// A small history router: shareable URLs, back/forward, links that stay in the page.
import type { ComponentChildren, JSX } from "preact";
import { useEffect, useState } from "preact/hooks";

export interface Location {
  path: string;
  params: URLSearchParams;
}

function current(): Location {
  return { path: window.location.pathname, params: new URLSearchParams(window.location.search) };
}

const listeners = new Set<() => void>();

export function navigate(url: string, replace = false): void {
  if (replace) window.history.replaceState(null, "", url);
  else window.history.pushState(null, "", url);
  listeners.forEach((notify) => notify());
}

export function useLocation(): Location {
  const [location, setLocation] = useState(current);
  useEffect(() => {
    const update = () => setLocation(current());
    listeners.add(update);
    window.addEventListener("popstate", update);
    return () => {
      listeners.delete(update);
      window.removeEventListener("popstate", update);
    };
  }, []);
  return location;
}

export function href(path: string, params: Record<string, string | number | null | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") query.set(name, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

export function Link(props: { to: string; children: ComponentChildren; class?: string; "aria-current"?: "page" }) {
  const follow = (event: JSX.TargetedMouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(props.to);
    window.scrollTo(0, 0);
  };
  return (
    <a href={props.to} onClick={follow} class={props.class} aria-current={props["aria-current"]}>
      {props.children}
    </a>
  );
}

export const paperHref = (id: string) => `/paper/${encodeURIComponent(id)}`;
export const entityHref = (key: string) => {
  const [label, ...rest] = key.split(":");
  return `/entity/${encodeURIComponent(label)}/${encodeURIComponent(rest.join(":"))}`;
};
export const topicHref = (id: string) => href("/topics", { topic: id });
