"""Django's own form messages read in natural Chinese on the zh-Hans interface, and the empty choice says 请选择."""

from django import forms
from django.utils import translation

from qunying.accounts.models import RoleAssignment


class Sample(forms.Form):
    name = forms.CharField(max_length=3)
    count = forms.IntegerField(max_value=9)
    kind = forms.ChoiceField(choices=[("a", "甲")])


def test_validation_messages_read_naturally():
    with translation.override("zh-hans"):
        form = Sample({"name": "张三丰大侠", "count": "10", "kind": "b"})
        form.is_valid()
        empty = Sample({})
        empty.is_valid()

    assert form.errors["name"] == ["不能超过 3 个字（现有 5 个字）。"]
    assert form.errors["count"] == ["不能大于 9。"]
    assert form.errors["kind"] == ["“b”不在可选范围内，请重新选择。"]
    assert empty.errors["name"] == ["此项必填。"]


def test_the_empty_choice_of_a_select_is_chinese(db):
    form_class = forms.modelform_factory(RoleAssignment, fields=["role"])
    with translation.override("zh-hans"):
        first = str(form_class().fields["role"].choices[0][1])

    assert first == "请选择"
