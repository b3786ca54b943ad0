// Vietnamese strings. Wording follows provincial statistics reports ("đạt 84,58% kế hoạch",
// "9 tháng đầu năm"), which is how readers of these figures already talk about them.
import { comparisonVi } from "./comparison-vi";
import { deskVi } from "./desk-vi";
import type { Messages } from "./en";

export const vi: Messages = {
  site_title: "Theo dõi chỉ tiêu",
  site_tagline: "Chỉ tiêu chính thức so với số liệu đã công bố",
  language: "Ngôn ngữ",
  overview_heading: "Tình hình thực hiện các chỉ tiêu",
  skip_to_content: "Bỏ qua đến nội dung",

  status_achieved: "Đã đạt",
  status_ahead: "Vượt tiến độ",
  status_on_track: "Đúng tiến độ",
  status_at_risk: "Có nguy cơ chậm",
  status_off_track: "Chậm tiến độ",
  status_missed: "Không đạt",
  status_period_over: "Hết kỳ",
  status_no_data: "Chưa có số liệu",
  status_stale: "Số liệu cũ",
  stale_title: "Đã quá hạn công bố số liệu kỳ tiếp theo",
  period_over_title: "Kỳ kế hoạch đã kết thúc nhưng chưa có số liệu đến hết kỳ",
  period_over_reading: "Chưa có số liệu cả kỳ; lần đánh giá cuối ({period}): {status}",
  period_over_no_figure: "Chưa có số liệu cả kỳ; chưa có số liệu nào được công bố trong kỳ",

  summary_heading: "Tổng quan",
  summary_total: "{n} chỉ tiêu",
  filters_heading: "Bộ lọc",
  filter_scope: "Địa bàn",
  filter_tag: "Chủ đề",
  filter_status: "Trạng thái",
  filter_all: "Tất cả",
  filter_active: "Đang hiển thị {shown}/{total} chỉ tiêu.",
  filter_clear: "Hiển thị tất cả",
  no_plans: "Không có chỉ tiêu nào khớp với bộ lọc.",
  overview_by_area:
    "{total} chỉ tiêu thuộc {areas} địa bàn: quá nhiều cho một trang. Hãy chọn một địa bàn.",
  overview_page_of:
    "Chỉ tiêu {from}–{to} trên tổng số {total} ở trang này; phần tóm tắt đếm các chỉ tiêu đó.",
  overview_page: "Chỉ tiêu {from}–{to} ở trang này; phần tóm tắt đếm các chỉ tiêu đó.",
  overview_pages: "Các trang chỉ tiêu",
  overview_next_page: "Các chỉ tiêu tiếp theo →",
  overview_first_page: "← Các chỉ tiêu đầu tiên",

  level_locality: "Tỉnh, thành phố",
  level_region: "Vùng",
  level_country: "Cả nước",

  table_caption: "Chỉ tiêu của {scope}, tính đến {date}",
  col_name: "Chỉ tiêu",
  col_period: "Kỳ",
  col_target: "Mục tiêu",
  col_latest: "Số liệu mới nhất",
  col_attainment: "Tỷ lệ hoàn thành",
  col_pace: "Tiến độ so với dự kiến",
  col_projection: "Dự báo cả kỳ",
  col_status: "Trạng thái",
  col_updated: "Công bố",
  col_source: "Nguồn",
  no_figure: "Chưa có số liệu",
  bar_label: "Đạt {attainment} mục tiêu; dự kiến {expected} đến {date}",
  bar_label_plain: "Đạt {attainment} mục tiêu",
  projection_of_target: "{share} mục tiêu",
  gap_points: "{gap} điểm % so với mục tiêu",
  yoy_sub: "{growth} so với cùng kỳ năm trước",
  yoy_sub_printed: "{growth} so với cùng kỳ năm trước (theo nguồn)",

  as_of_note: "Đánh giá tính đến {date}.",
  as_of_form_label: "Xem trạng thái tại ngày",
  as_of_submit: "Xem",
  as_of_reset: "Hôm nay",
  just_now: "vừa xong",
  data_changed: "Số liệu thay đổi lần cuối {ago} ({time}).",
  no_data_yet: "Chưa có số liệu nào được ghi nhận.",
  auto_update: "Trang tự kiểm tra số liệu mới và tự cập nhật.",
  feed_link: "Nguồn tin Atom về thay đổi trạng thái",
  api_link: "API JSON",
  footer_note:
    "Số liệu do từng nguồn công bố. Tỷ lệ hoàn thành, tiến độ, dự báo và trạng thái do hệ thống tính toán.",

  back_to_all: "Tất cả chỉ tiêu",
  plan_heading: "{name}, {period}",
  h_figures: "Số liệu chính",
  h_chart: "Tiến độ so với lộ trình mục tiêu",
  h_warnings: "Cảnh báo",
  h_method: "Cách tính",
  h_vintages: "Số liệu đã công bố và các lần điều chỉnh",
  h_alerts: "Thay đổi trạng thái",
  h_about: "Nguồn và ghi chú",
  h_embed: "Huy hiệu",
  embed_text: "Nhúng trạng thái chỉ tiêu này vào trang khác:",

  fig_target: "Mục tiêu",
  fig_latest: "Số liệu mới nhất",
  fig_attainment: "Tỷ lệ hoàn thành",
  fig_expected: "Dự kiến đến thời điểm đó",
  fig_pace: "Tiến độ so với dự kiến",
  fig_projection: "Dự báo cả kỳ",
  fig_required: "Cần thêm mỗi tháng còn lại",
  fig_gap: "Chênh lệch so với mục tiêu",
  fig_progress: "Tiến bộ so với năm gốc",
  fig_last_reading: "Lần đánh giá cuối",
  fig_yoy: "So với cùng kỳ năm trước",
  fig_yoy_note: "so với {prior} ({period})",
  fig_yoy_printed: "nguồn ghi {printed}",
  fig_yoy_implied: "Cùng kỳ năm trước (suy ra)",
  fig_yoy_implied_note: "suy ra từ mức tăng {printed} đã công bố; chưa có số liệu {period}",
  fig_next_due: "Hạn công bố số liệu tiếp theo",
  fig_stale_after: "Bị coi là cũ sau",
  fig_months_left: "Số tháng còn lại: {n}",
  fig_period_complete: "Đã hết kỳ",

  progress_target_achieved: "đã đạt mục tiêu",
  progress_substantial: "tiến bộ đáng kể",
  progress_moderate: "tiến bộ vừa phải",
  progress_limited: "tiến bộ hạn chế",
  progress_deterioration: "đi xuống",

  chart_title: "{name}: số liệu so với lộ trình mục tiêu",
  chart_desc_flow:
    "Số liệu cộng dồn từ {start}: {value} ({date}), so với mục tiêu {target} đến {end}. Lộ trình mục tiêu {phasing}.",
  chart_desc_level:
    "Số liệu từng kỳ, mới nhất {value} ({date}), so với mục tiêu {target} đến {end}.",
  chart_desc_rate: "Tốc độ đã công bố, mới nhất {value} ({date}), so với mục tiêu {target}.",
  chart_desc_empty: "Chưa có số liệu; mục tiêu là {target} đến {end}.",
  chart_desc_projection: "Giữ tiến độ hiện tại, cả kỳ sẽ đạt {projection}.",
  legend_actual: "Đã công bố",
  legend_path: "Lộ trình mục tiêu",
  legend_projection: "Dự báo theo tiến độ hiện tại",
  legend_target: "Mục tiêu",
  legend_as_of: "Ngày đánh giá",
  phasing_linear: "tuyến tính (theo số ngày)",
  phasing_seasonal: "theo mùa vụ (tỷ trọng từng tháng)",
  phasing_history: "theo mùa vụ, từ số liệu các năm trước của chính chỉ tiêu ({years})",
  phasing_history_fallback: "tuyến tính (theo số ngày), vì số liệu các năm trước chưa đủ",

  vintages_older: "Các số liệu cũ hơn",
  vintages_caption:
    "Mọi số liệu đã công bố cho các kỳ kết thúc trong {period}, kèm từng lần điều chỉnh",
  col_covered: "Kỳ số liệu",
  col_value: "Giá trị",
  col_kind: "Loại",
  col_use: "Sử dụng",
  kind_estimate: "ước tính",
  kind_preliminary: "sơ bộ",
  kind_final: "chính thức",
  vintage_used: "được dùng để đánh giá",
  vintage_latest: "mới nhất của kỳ",
  vintage_superseded: "đã được điều chỉnh",
  vintage_after_as_of: "công bố sau {date}",
  vintage_late: "trễ {n} ngày so với hạn {date}",
  reported_attainment_note: "nguồn ghi đạt {share} kế hoạch",
  no_vintages: "Chưa có số liệu nào cho kỳ này.",
  other_periods: "Số liệu các kỳ khác có trong API: {link}",

  alerts_caption: "Các lần thay đổi trạng thái hệ thống ghi nhận, mới nhất trước",
  col_when: "Thời điểm",
  col_change: "Thay đổi",
  col_detail: "Chi tiết",
  event_stale: "số liệu quá hạn",
  event_fresh: "số liệu đã được cập nhật trở lại",
  event_reminder: "vẫn {status}",
  event_muted: "đã tắt thông báo",
  event_detail: "Tỷ lệ hoàn thành {attainment}, đánh giá tính đến {date}.",
  event_detail_no_figure: "Chưa có số liệu, đánh giá tính đến {date}.",
  no_alerts: "Chưa ghi nhận thay đổi trạng thái nào.",
  h_timeline: "Diễn biến đánh giá",
  timeline_caption: "Mỗi lần đánh giá hoặc số liệu thay đổi, mới nhất trước",
  no_history: "Hệ thống chưa đánh giá kế hoạch này; lần chạy đầu tiên sẽ ghi nhận.",
  cause_first_seen: "đánh giá lần đầu",
  cause_new_figure: "số liệu mới: {period}, {value}",
  cause_revised_figure: "số liệu điều chỉnh: {period}, {value}",
  cause_plan_revised: "mục tiêu được điều chỉnh",
  cause_time_passed: "thời gian trôi qua (không có số liệu mới)",

  warning_mismatch:
    "Nguồn ghi đạt {reported} kế hoạch, nhưng tính từ số liệu được {computed}: chênh {diff} điểm phần trăm. Cần kiểm tra lại mục tiêu hoặc số liệu.",
  warning_yoy_mismatch:
    "Nguồn ghi tăng {reported} so với cùng kỳ năm trước, nhưng tính từ số liệu được {computed}: chênh {diff} điểm phần trăm. Cần kiểm tra lại số liệu cùng kỳ hoặc tốc độ tăng đã công bố.",

  method_flow:
    "Mục tiêu {period} là {target}. Số liệu cộng dồn mới nhất, {value} ({covered}), đạt {attainment} mục tiêu. Lộ trình mục tiêu {phasing}: đến {date} dự kiến đạt {expectedShare} mục tiêu ({expected}), nên tiến độ bằng {pace} mức dự kiến. Giữ tiến độ này, cả kỳ sẽ đạt {projection}, bằng {projectedAttainment} mục tiêu.",
  method_level:
    "Mục tiêu đến cuối {period} là {target}. Số liệu mới nhất, {value} ({covered}), bằng {attainment} mục tiêu.",
  method_level_baseline:
    "Theo đường thẳng từ mức gốc {baseline} ({baselineDate}) đến mục tiêu, đến {date} dự kiến đạt {expected}; số liệu bằng {pace} mức đó.",
  method_rate:
    "Mục tiêu {period} là tốc độ {target}. Số liệu mới nhất, {value} ({covered}), chênh {gap} điểm phần trăm so với mục tiêu.",
  method_no_data: "Mục tiêu {period} là {target}. Chưa có số liệu nào được công bố.",
  method_thresholds_ratio:
    "Trạng thái so sánh tiến độ với các ngưỡng: vượt tiến độ từ {ahead}, đúng tiến độ từ {onTrack}, có nguy cơ chậm từ {atRisk}, thấp hơn là chậm tiến độ.",
  method_thresholds_pp:
    "Trạng thái so sánh mức chênh với các ngưỡng: vượt tiến độ từ +{ahead} điểm, đúng tiến độ trong phạm vi {onTrack} điểm, có nguy cơ chậm trong phạm vi {atRisk} điểm, xa hơn là chậm tiến độ.",
  method_at_least:
    "Chỉ tiêu được coi là đã đạt khi số liệu chạm mục tiêu, và không đạt nếu số liệu cả kỳ vẫn thấp hơn.",
  method_at_most: "Đây là mức trần: giữ dưới mức này đến hết kỳ là đạt, vượt quá là không đạt.",
  method_level_final:
    "Một chỉ tiêu mức (tồn lượng, tỷ lệ) vẫn có thể tăng hoặc giảm đến hết kỳ, nên chỉ số liệu tại thời điểm cuối kỳ mới quyết định: đạt nếu bằng hoặc vượt mục tiêu, không đạt nếu ngược lại. Trước đó, bằng hoặc vượt mục tiêu được đánh giá là vượt tiến độ hoặc đúng tiến độ.",
  method_rate_final:
    "Tốc độ tăng của một phần kỳ chưa nói lên kết quả cuối cùng, nên chỉ số liệu cả kỳ mới quyết định: đạt nếu bằng hoặc vượt mục tiêu, không đạt nếu ngược lại.",
  method_period_over:
    "Kỳ kế hoạch đã kết thúc ngày {end} mà chưa có số liệu đến ngày đó, nên chỉ tiêu không còn được đánh giá theo tiến độ: lần đánh giá cuối, dựa trên số liệu {covered}, là {status}. Không còn tháng nào để thực hiện nên không tính mức cần thêm mỗi tháng; số liệu cả kỳ sẽ quyết định kết quả.",
  method_period_over_no_figure:
    "Kỳ kế hoạch đã kết thúc ngày {end} mà chưa có số liệu nào; số liệu cả kỳ sẽ quyết định kết quả.",
  method_yoy: "Tốc độ so với cùng kỳ năm trước ({priorPeriod}: {prior}): {growth}.",
  method_yoy_printed: "Nguồn ghi {printed}.",
  method_yoy_implied:
    "Chưa có số liệu cùng kỳ năm trước ({priorPeriod}); mức tăng {printed} đã công bố cho thấy cùng kỳ khoảng {prior} (số suy ra, không phải số công bố).",
  method_history:
    "Lộ trình mục tiêu theo mùa vụ của chính chỉ tiêu: đến cuối mỗi tháng, dự kiến đạt tỷ trọng bình quân của cả năm đã đạt được đến tháng đó trong các năm {years}.",
  method_history_fallback:
    "Kế hoạch yêu cầu lộ trình theo số liệu các năm trước, nhưng cần ít nhất {min} năm trọn vẹn trong {window} năm trước khi kế hoạch bắt đầu ({found}), nên lộ trình là tuyến tính.",
  method_history_found: "các năm trọn vẹn có số liệu: {years}",
  method_history_none: "chưa có năm nào",
  method_freshness:
    "Số liệu {cadence} được công bố khoảng {lag} ngày sau khi kỳ kết thúc; quá {grace} ngày sau hạn đó, chỉ tiêu bị đánh dấu là số liệu cũ.",
  method_freshness_rule:
    "Số liệu {cadence} đến hạn vào ngày mà lịch công bố của chỉ tiêu này quy định cho từng kỳ; quá {grace} ngày sau hạn đó, chỉ tiêu bị đánh dấu là số liệu cũ.",
  method_progress:
    "Từ năm gốc, số liệu tăng bình quân {observed} mỗi năm trong {years} năm (tính theo tháng), trong khi mục tiêu cần {required} mỗi năm. Tỷ số của Open SDG, dấu × chiều × tăng thực tế ÷ |tăng cần thiết| = {ratio}, cho nhãn: {label}.",
  cadence_monthly: "hằng tháng",
  cadence_quarterly: "hằng quý",
  cadence_annual: "hằng năm",

  error_not_found: "Không tìm thấy",
  error_no_plan: "Không có chỉ tiêu nào có mã “{id}”.",
  error_bad_request: "Yêu cầu không hợp lệ",
  error_bad_date: "“{value}” không phải là ngày; hãy dùng dạng YYYY-MM-DD.",

  badge_unknown: "không rõ chỉ tiêu",
  feed_title: "Theo dõi chỉ tiêu: thay đổi trạng thái",
  feed_subtitle: "Mỗi mục là một chỉ tiêu vừa thay đổi trạng thái.",
  feed_entry_title: "{name} ({period}): {change}",

  unit_units: "đơn vị",

  ...deskVi,
  ...comparisonVi,
};
