using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Ocpi.Validation;

/// <summary>PublishTokenType: at least one identifier; uid needs type, visual_number needs issuer.</summary>
internal static class PublishTokenRules
{
    public static void Validate(ValidationContext ctx, string path, PublishTokenType token)
    {
        if (token.Uid is null && token.VisualNumber is null && token.GroupId is null)
        {
            ctx.Add(path, "a publish token needs at least one of 'uid', 'visual_number' or 'group_id'");
        }

        FieldRules.OptionalCiString(ctx, JsonPaths.Field(path, "uid"), token.Uid, 36);
        FieldRules.Enum(ctx, JsonPaths.Field(path, "type"), token.Type, TokenTypes.Known(ctx.Version), TokenTypes.IsOpenIn230, required: token.Uid is not null);
        FieldRules.OptionalString(ctx, JsonPaths.Field(path, "visual_number"), token.VisualNumber, 64);
        if (token.VisualNumber is not null && token.Issuer is null)
        {
            ctx.Add(JsonPaths.Field(path, "issuer"), "'issuer' is required when 'visual_number' is set");
        }

        FieldRules.OptionalString(ctx, JsonPaths.Field(path, "issuer"), token.Issuer, 64);
        FieldRules.OptionalCiString(ctx, JsonPaths.Field(path, "group_id"), token.GroupId, 36);
    }
}
