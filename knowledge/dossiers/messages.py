"""What the citizen reads: the found-dossier reply and the other lookup answers.

Kept apart from the Rasa actions so that the chat, the staff CLI and the tests
say exactly the same thing. The wording follows the practice of one-stop
centres: say the state plainly, the dates with their weekday, what to do next,
and, when a dossier is late, apologise on behalf of the agency and give the new
date when an apology letter set one.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import TYPE_CHECKING, Optional

from knowledge.dossiers.status import DossierStatus

if TYPE_CHECKING:
    from knowledge.dossiers.model import PublicView

_WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")

# The same answer for a code that does not exist and for wrong digits, so the
# reply never tells a stranger that a code is real.
NOT_VERIFIED = (
    "Xin lỗi, tôi chưa tìm thấy hồ sơ khớp với mã và 4 chữ số cuối số điện thoại anh/chị cung cấp. "
    "Anh/chị vui lòng kiểm tra lại mã hồ sơ trên phiếu hẹn trả kết quả và số điện thoại đã đăng ký khi nộp."
)
INVALID_CODE = (
    "Mã hồ sơ chưa đúng định dạng. Mã in trên phiếu hẹn trả kết quả có dạng 000.00.04.H51-260315-0007."
)
INVALID_DIGITS = "Anh/chị vui lòng nhập đúng 4 chữ số cuối của số điện thoại đã đăng ký khi nộp hồ sơ."
UNAVAILABLE = (
    "Hệ thống tra cứu hồ sơ đang tạm thời gián đoạn. Anh/chị vui lòng thử lại sau ít phút, "
    "hoặc liên hệ bộ phận một cửa nơi đã nộp hồ sơ."
)


def format_date(day: date) -> str:
    """Day and weekday, "17/02/2026 (thứ Ba)": saves the citizen a look at the calendar."""
    return f"{day:%d/%m/%Y} ({_WEEKDAYS[day.weekday()]})"


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def place(view: PublicView) -> str:
    """Where to go: the agency and its address, or a safe fallback when the record has neither."""
    parts = [capitalise(p.strip()) for p in (view.agency_name, view.collect_at) if p and p.strip()]
    return ", ".join(parts) if parts else "nơi anh/chị đã nộp hồ sơ"


def not_verified(attempts_left: Optional[int]) -> str:
    if attempts_left is None:
        return NOT_VERIFIED
    return f"{NOT_VERIFIED} (Anh/chị còn {attempts_left} lần thử.)"


def wait_text(wait: timedelta) -> str:
    """Minutes or hours ("15 phút", "3 giờ"), rounded up so the citizen never comes back too early."""
    minutes = max(1, math.ceil(wait.total_seconds() / 60))
    if minutes < 90:
        return f"{minutes} phút"
    return f"{math.ceil(minutes / 60)} giờ"


def locked(wait: timedelta) -> str:
    return (
        "Thông tin chưa khớp và anh/chị đã thử quá số lần cho phép. Để bảo vệ thông tin hồ sơ, "
        f"việc tra cứu tạm dừng; anh/chị vui lòng thử lại sau khoảng {wait_text(wait)}, "
        "hoặc liên hệ bộ phận một cửa nơi đã nộp hồ sơ."
    )


def next_step(view: PublicView) -> str:
    where = place(view)
    status = view.status
    if status in (DossierStatus.RECEIVED, DossierStatus.PROCESSING):
        if view.is_late:
            return (
                "Anh/chị chưa cần làm gì thêm; cơ quan sẽ báo khi có kết quả. "
                f"Nếu cần hỏi thêm, anh/chị liên hệ {where}."
            )
        due = view.new_due_on or view.due_on
        return (
            f"Anh/chị chưa cần làm gì thêm. Đến ngày hẹn {format_date(due)}, anh/chị mang phiếu hẹn "
            f"đến nhận kết quả tại {where}. Nếu hồ sơ cần bổ sung, cơ quan sẽ báo cho anh/chị."
        )
    if status is DossierStatus.SUPPLEMENT_REQUIRED:
        return (
            "Anh/chị xem văn bản yêu cầu bổ sung (gửi qua tin nhắn, thư điện tử hoặc nhận tại nơi nộp), "
            f"hoàn thiện giấy tờ và nộp bổ sung tại {where}. "
            "Thời hạn giải quyết được tính lại từ khi cơ quan nhận đủ hồ sơ."
        )
    if status is DossierStatus.AWAITING_PAYMENT:
        return (
            "Anh/chị nộp khoản thuế, phí, lệ phí theo thông báo và giữ lại chứng từ nộp tiền; "
            "hồ sơ được xử lý tiếp khi cơ quan nhận được chứng từ."
        )
    if status is DossierStatus.RESULT_READY:
        return (
            f"Anh/chị mang phiếu hẹn và giấy tờ tùy thân đến nhận kết quả tại {where}. "
            "Nếu nhờ người khác nhận thay, người đó cần giấy ủy quyền."
        )
    if status is DossierStatus.RETURNED:
        return f"Anh/chị không cần làm gì thêm. Nếu chưa nhận được kết quả, vui lòng liên hệ {where}."
    if status is DossierStatus.REJECTED:
        return (
            "Anh/chị xem văn bản trả lời để biết lý do; có thể hoàn thiện và nộp hồ sơ mới, "
            f"hoặc liên hệ {where} để được hướng dẫn."
        )
    return "Nếu vẫn cần làm thủ tục này, anh/chị nộp hồ sơ mới."


def apology(view: PublicView) -> Optional[str]:
    if not view.is_late:
        return None
    agency = capitalise(view.agency_name.strip()) if view.agency_name.strip() else "Cơ quan giải quyết hồ sơ"
    text = (
        f"{agency} thành thật xin lỗi anh/chị vì hồ sơ đã quá ngày hẹn trả kết quả "
        f"{format_date(view.due_on)} mà chưa giải quyết xong."
    )
    if view.new_due_on and view.new_due_on >= view.as_of:
        return f"{text} Cơ quan hẹn trả kết quả vào ngày {format_date(view.new_due_on)}."
    if view.new_due_on:
        return (
            f"{text} Ngày hẹn mới ({format_date(view.new_due_on)}) cũng đã qua; "
            f"anh/chị vui lòng liên hệ {place(view)} để được trả lời cụ thể."
        )
    return f"{text} Cơ quan sẽ gửi thư xin lỗi và hẹn lại ngày trả kết quả cho anh/chị."


def _due_lines(view: PublicView) -> list[str]:
    due = f"Ngày hẹn trả kết quả (theo phiếu hẹn): {format_date(view.due_on)}."
    if view.is_late and view.working_days_overdue:
        due += f" Hồ sơ đã trễ hẹn {view.working_days_overdue} ngày làm việc."
    elif view.is_late:  # due on Friday, asked on Saturday: late, but no working day lost yet
        due += " Hồ sơ đã quá ngày hẹn."
    lines = [due]
    target = "ngày hẹn"
    if view.new_due_on:
        lines.append(f"Ngày hẹn trả kết quả mới: {format_date(view.new_due_on)}.")
        target = "ngày hẹn mới"
    if view.working_days_left == 0:
        lines[-1] += f" Hôm nay là {target}."
    elif view.working_days_left is not None:
        lines[-1] += f" Còn {view.working_days_left} ngày làm việc đến {target}."
    return lines


def render_view(view: PublicView) -> str:
    procedure = view.procedure_name + (f" (mã thủ tục {view.procedure_code})" if view.procedure_code else "")
    lines = [
        f"Hồ sơ {view.code}: {procedure}.",
        f"- Tình trạng: {view.status.label}. {view.status.explanation}",
        f"- Ngày tiếp nhận: {format_date(view.received_on)}.",
        *(f"- {line}" for line in _due_lines(view)),
    ]
    if view.finished_on and view.status in (DossierStatus.RESULT_READY, DossierStatus.RETURNED):
        lines.append(f"- Ngày giải quyết xong: {format_date(view.finished_on)}.")
    if view.returned_on and view.status is DossierStatus.RETURNED:
        lines.append(f"- Ngày trả kết quả: {format_date(view.returned_on)}.")
    sorry = apology(view)
    if sorry:
        lines.append(f"- {sorry}")
    lines.append(f"- Việc cần làm tiếp: {next_step(view)}")
    if view.status.is_open or view.status is DossierStatus.RESULT_READY:
        lines.append(f"- Nơi nhận kết quả: {place(view)}.")
    return "\n".join(lines)
