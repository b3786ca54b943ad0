// Vietnamese strings of the comparison and completeness pages: the keys of comparison-en.ts.
import type { comparisonEn } from "./comparison-en";

export const comparisonVi: Record<keyof typeof comparisonEn, string> = {
  concept_title: "{concept}: so sánh giữa các địa phương",
  concept_intro: "Số liệu {period}, xếp theo {by}.",
  concept_grew: "{n}/{m} địa phương tăng trưởng",
  concept_above_region: "{n}/{m} địa phương tăng cao hơn mức chung của vùng ({growth})",
  concept_region: "{name} (toàn vùng)",
  concept_no_figures: "Chưa địa phương nào có số liệu cho chỉ tiêu này.",
  concept_sort: "Xếp theo",
  concept_caption:
    "Số liệu của từng địa phương, mức tăng so với cùng kỳ năm trước và tỷ trọng trong vùng",
  by_attainment: "mức hoàn thành",
  by_pace: "tiến độ",
  by_yoy: "tăng trưởng",
  by_value: "giá trị",
  col_rank: "Hạng",
  col_area: "Địa phương",
  col_growth: "Tăng trưởng",
  col_share: "Tỷ trọng trong vùng",
  rank_tied: "={rank}",
  completeness_title: "Tình hình báo cáo: {period}",
  completeness_rates:
    "Tỷ lệ báo cáo {reporting}, đúng hạn {timely}: đã nhận {received}/{expected} số liệu, {on_time} số liệu đúng hạn.",
  completeness_caption: "Mọi số liệu cần báo cáo trong kỳ, theo địa phương",
  completeness_none: "Không có chỉ tiêu nào cần số liệu cho kỳ này.",
  completeness_by_area: "Tỷ lệ theo địa phương",
  col_indicator: "Chỉ tiêu",
  col_due: "Hạn",
  col_reporting_rate: "Tỷ lệ báo cáo",
  col_timeliness_rate: "Đúng hạn",
  state_on_time: "đúng hạn",
  state_late: "trễ {n} ngày",
  state_missing: "chưa có, quá hạn {n} ngày",
  state_not_yet_due: "chưa đến hạn",
  error_bad_period:
    "“{value}” không phải là một kỳ. Hãy viết tháng 2024-09, quý 2024-Q3 hoặc năm 2024.",
  error_no_concept: "Không có chỉ tiêu nào đo “{id}”.",
};
