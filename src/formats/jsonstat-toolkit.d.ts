// The part of jsonstat-toolkit (which ships no types) that the JSON-stat import uses, as the
// toolkit's API reference describes it. Given an object it never fetches anything.
declare module "jsonstat-toolkit" {
  export interface JsonStatUnit {
    base?: string;
    decimals?: number;
    label?: string;
    symbol?: string;
  }

  export interface JsonStatCategory {
    class: "category";
    /** Position in its dimension. */
    index: number;
    label: string;
    unit: JsonStatUnit | null;
  }

  export interface JsonStatDimension {
    class: "dimension";
    /** Category ids, in the table's order. */
    id: string[];
    length: number;
    label: string;
    role: "time" | "geo" | "metric" | "classification" | null;
    Category(id: string | number): JsonStatCategory | null;
  }

  export interface JsonStatCell {
    value: number | string | null;
    status: string | null;
  }

  export interface JsonStatInstance {
    class: "dataset" | "collection" | "bundle" | "dimension" | null;
    /** A dataset's dimension ids. */
    id: string[];
    length: number;
    label: string | null;
    source: string | null;
    updated: string | null;
    size: number[];
    /** Number of cells. */
    n: number;
    role: Partial<Record<"time" | "geo" | "metric" | "classification", string[] | null>> | null;
    extension: Record<string, unknown> | null;
    Dimension(id: string | number): JsonStatDimension | null;
    /** One cell, by its position in the value array or its category positions. */
    Data(index: number | number[]): JsonStatCell | null;
    Dataset(id: number | string): JsonStatInstance | null;
  }

  export default function JSONstat(response: object): JsonStatInstance;
}
