from django import forms


class AuditFilterForm(forms.Form):
    client = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    user = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, label="Staff")
    date_from = forms.DateField(
        required=False, label="From", widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        required=False, label="To", widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, clients, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].choices = [("", "Every client")] + [
            (c.pk, f"{c.last_name}, {c.first_name}") for c in clients
        ]
        self.fields["user"].choices = [("", "Everyone")] + [
            (u.pk, u.get_full_name() or u.get_username()) for u in staff
        ]


class EraseForm(forms.Form):
    confirm_name = forms.CharField(label="Type the client's full name to confirm", max_length=210)

    def __init__(self, *args, client, **kwargs):
        super().__init__(*args, **kwargs)
        self.client = client

    def clean_confirm_name(self):
        typed = " ".join(self.cleaned_data["confirm_name"].split())
        if typed.casefold() != self.client.full_name.casefold():
            raise forms.ValidationError(
                f"That is not the client's name. Type {self.client.full_name} to erase them."
            )
        return typed
