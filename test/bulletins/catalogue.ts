// The indicators an editor of the seed bulletins would have: Nghe An's trade and industry,
// the northern and southern regions, three northern provinces, and the national and Ho Chi
// Minh City industrial production indices. Aliases are the phrases the bulletins use.

import type { CatalogueIndicator } from "../../src/bulletins/types";

const NGHE_AN = {
  scope: "nghe-an",
  scope_name: "Nghe An",
  scope_name_vi: "Nghệ An",
  scope_level: "locality",
} as const;

const NORTH = {
  scope: "north",
  scope_name: "Northern region",
  scope_name_vi: "Các tỉnh phía Bắc",
  scope_level: "region",
} as const;

const SOUTH = {
  scope: "south",
  scope_name: "Southern region",
  scope_name_vi: "Khu vực phía Nam",
  scope_level: "region",
} as const;

const EXPORT_ALIASES = [
  "export turnover",
  "export value",
  "exports",
  "kim ngạch xuất khẩu",
  "xuất khẩu",
];

const IIP_ALIASES = [
  "IIP",
  "industrial production index",
  "index of industrial production",
  "chỉ số sản xuất công nghiệp",
  "chỉ số IIP",
];

function exportGroup(
  slug: string,
  name: string,
  nameVi: string,
  aliases: string[],
): CatalogueIndicator {
  return {
    id: `nghe-an.exports.${slug}`,
    name: `Exports: ${name}`,
    name_vi: `Xuất khẩu: ${nameVi}`,
    aliases,
    ...NGHE_AN,
    unit: "USD",
    measure: "flow",
    cadence: "monthly",
  };
}

function provinceExports(scope: string, name: string, nameVi: string): CatalogueIndicator {
  return {
    id: `${scope}.exports`,
    name: "Exports",
    name_vi: "Xuất khẩu",
    aliases: EXPORT_ALIASES,
    scope,
    scope_name: name,
    scope_name_vi: nameVi,
    scope_level: "locality",
    unit: "USD",
    measure: "flow",
    cadence: "monthly",
  };
}

export const CATALOGUE: readonly CatalogueIndicator[] = [
  {
    id: "nghe-an.goods-exports",
    name: "Goods exports",
    name_vi: "Xuất khẩu hàng hóa",
    aliases: [...EXPORT_ALIASES, "export"],
    ...NGHE_AN,
    unit: "USD",
    measure: "flow",
    cadence: "monthly",
  },
  {
    id: "nghe-an.goods-imports",
    name: "Goods imports",
    name_vi: "Nhập khẩu hàng hóa",
    aliases: ["import turnover", "imports", "kim ngạch nhập khẩu", "nhập khẩu"],
    ...NGHE_AN,
    unit: "USD",
    measure: "flow",
    cadence: "monthly",
  },
  {
    id: "nghe-an.export-turnover",
    name: "Total export turnover, whole year",
    name_vi: "Tổng kim ngạch xuất khẩu cả năm",
    aliases: ["total export turnover", "tổng kim ngạch xuất khẩu"],
    ...NGHE_AN,
    unit: "USD",
    measure: "level",
    cadence: "annual",
  },
  {
    id: "nghe-an.electronic-components",
    name: "Electronic components produced",
    name_vi: "Sản phẩm linh kiện điện tử",
    aliases: ["electronic components", "linh kiện điện tử"],
    ...NGHE_AN,
    unit: "units",
    measure: "flow",
    cadence: "annual",
  },
  exportGroup("electronics", "electronic equipment and components", "thiết bị, linh kiện điện tử", [
    "electronic equipment and components",
    "thiết bị, linh kiện điện tử",
  ]),
  exportGroup("building-materials", "building materials", "vật liệu xây dựng", [
    "building materials",
    "vật liệu xây dựng",
  ]),
  exportGroup("textiles", "textiles and garments", "dệt, may", [
    "textiles",
    "hàng dệt may",
    "dệt may",
  ]),
  exportGroup("wood-chips", "wood chips", "dăm gỗ", ["wood chips", "dăm gỗ"]),
  exportGroup("seafood", "seafood", "thủy sản", ["seafood", "thủy sản"]),
  exportGroup("footwear", "footwear", "giày, dép", ["footwear", "giày dép"]),
  {
    id: "nghe-an.iip",
    name: "Industrial production index, growth",
    name_vi: "Chỉ số sản xuất công nghiệp, tăng trưởng",
    aliases: IIP_ALIASES,
    ...NGHE_AN,
    unit: "%",
    measure: "rate",
    cadence: "monthly",
  },
  {
    id: "nghe-an.grdp-growth",
    name: "Economic growth (GRDP)",
    name_vi: "Tăng trưởng kinh tế (GRDP)",
    aliases: ["economic growth", "GRDP growth", "GRDP", "tăng trưởng kinh tế", "tăng trưởng GRDP"],
    ...NGHE_AN,
    unit: "%",
    measure: "rate",
    cadence: "quarterly",
  },
  {
    id: "nghe-an.retail-sales",
    name: "Retail sales of goods and services",
    name_vi: "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ",
    aliases: ["retail sales", "tổng mức bán lẻ"],
    ...NGHE_AN,
    unit: "VND",
    measure: "flow",
    cadence: "monthly",
  },
  {
    id: "nghe-an.budget-revenue",
    name: "State budget revenue",
    name_vi: "Thu ngân sách nhà nước",
    aliases: ["budget revenue", "thu ngân sách"],
    ...NGHE_AN,
    unit: "VND",
    measure: "flow",
    cadence: "monthly",
  },
  {
    id: "north.exports",
    name: "Exports of the northern provinces",
    name_vi: "Xuất khẩu các tỉnh phía Bắc",
    aliases: EXPORT_ALIASES,
    ...NORTH,
    unit: "USD",
    measure: "flow",
    cadence: "monthly",
  },
  {
    id: "north.retail-sales",
    name: "Retail sales of goods and services",
    name_vi: "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ",
    aliases: ["retail sales", "total retail sales", "tổng mức bán lẻ"],
    ...NORTH,
    unit: "VND",
    measure: "flow",
    cadence: "monthly",
  },
  {
    id: "south.exports",
    name: "Exports of the southern region",
    name_vi: "Xuất khẩu khu vực phía Nam",
    aliases: [...EXPORT_ALIASES, "export turnover of goods"],
    ...SOUTH,
    unit: "USD",
    measure: "flow",
    cadence: "monthly",
  },
  provinceExports("hai-phong", "Hai Phong", "Hải Phòng"),
  provinceExports("thai-nguyen", "Thai Nguyen", "Thái Nguyên"),
  provinceExports("bac-giang", "Bac Giang", "Bắc Giang"),
  {
    id: "vietnam.iip",
    name: "Industrial production index, growth",
    name_vi: "Chỉ số sản xuất công nghiệp, tăng trưởng",
    aliases: IIP_ALIASES,
    scope: "vietnam",
    scope_name: "Vietnam",
    scope_name_vi: "Việt Nam",
    scope_level: "country",
    unit: "%",
    measure: "rate",
    cadence: "monthly",
  },
  {
    id: "hcm.iip",
    name: "Industrial production index, growth",
    name_vi: "Chỉ số sản xuất công nghiệp, tăng trưởng",
    aliases: IIP_ALIASES,
    scope: "hcm",
    scope_name: "HCM City",
    scope_name_vi: "TP Hồ Chí Minh",
    scope_aliases: ["Ho Chi Minh City", "TP.HCM"],
    scope_level: "locality",
    unit: "%",
    measure: "rate",
    cadence: "monthly",
  },
];
