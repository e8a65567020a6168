using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.LocalAuthorityProfile.Features.Profiles;
using EPlanNacc.Modules.LocalAuthorityProfile.Features.Reference;
using Mediator;

namespace EPlanNacc.Host.Api.LocalAuthorityProfile;

/// <summary>The body of <c>PUT /api/v1/me/profile</c>. <see cref="DlaCode"/> and <see cref="Completed"/> are the
/// answer's own, which docs/api.md shows in the body too (a client may send back what it read): accepted and not
/// used (the LAO is the caller's, completion is the module's to say).</summary>
public sealed record ProfileRequest(
    ProfileLocation? Location, ProfileAreaAndExecutives? AreaAndExecutives, ProfileCoordinator? Coordinator,
    string? Password, int? Version, string? DlaCode = null, bool? Completed = null);

/// <summary>A row of the LAO look-up, as docs/api.md gives it.</summary>
public sealed record LaoLookupItem(string DlaCode, string NameTh, string LaoType, string ProvinceCode,
    string DistrictCode);

public static class ProfileEndpoints
{
    public static void MapProfileEndpoints(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/me/profile").WithTags("LAO profile");
        me.MapGet("/", async (ISender sender, CancellationToken ct) =>
            Results.Ok(await sender.Send(new GetMyProfileQuery(), ct)))
            .WithMetadata(new AllowDuringSetupAttribute())
            .Produces<ProfileDetails>().ProducesProblem(401).ProducesProblem(403)
            .WithName("getMyProfile").WithSummary("อ่านข้อมูลพื้นฐานของ อปท. / Read my profile")
            .WithDescription("The signed-in LAO's basic data (prefilled from the registry before the first save)");
        me.MapPut("/", async (ProfileRequest? body, HttpContext http, ISender sender, CancellationToken ct) =>
        {
            await sender.Send(new SaveMyProfileCommand(body?.Location, body?.AreaAndExecutives, body?.Coordinator,
                body?.Password, http.Request.Headers.UserAgent.ToString(), body?.Version), ct);
            return Results.Ok(await sender.Send(new GetMyProfileQuery(), ct));
        })
            .WithMetadata(new AllowDuringSetupAttribute())
            .Produces<ProfileDetails>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403)
            .ProducesProblem(409)
            .WithName("saveMyProfile").WithSummary("บันทึกข้อมูลพื้นฐาน / Save my profile")
            .WithDescription(
                "Save the three pages of basic data at once; on the first set-up it must carry password; " +
                         "province and district are the registry's (another value: 400); a stale version: 409. " +
                         "After a first set-up the setup token ends: sign in again with the new password.");

        api.MapGet("/admin/laos/{dlaCode:regex(^[0-9]{{7}}$)}/profile",
            async (string dlaCode, ISender sender, CancellationToken ct) =>
            Results.Ok(await sender.Send(new GetLaoProfileQuery(dlaCode), ct)))
            .WithTags("Staff: LAOs").Produces<ProfileDetails>().ProducesProblem(403).ProducesProblem(404)
            .WithName("getLaoProfile").WithSummary("อ่านข้อมูลพื้นฐานของ อปท. / Read an LAO's profile")
            .WithDescription("An LAO's basic data (staff in scope)");
    }

    public static void MapReferenceEndpoints(this RouteGroupBuilder api)
    {
        var reference = api.MapGroup("/reference").WithTags("Reference data").AllowAnonymous();
        reference.MapGet("/provinces", async (ISender sender, CancellationToken ct) =>
            Results.Ok(await sender.Send(new ListProvincesQuery(), ct))).Produces<IReadOnlyList<ProvinceItem>>()
            .WithName("listProvinces").WithSummary("จังหวัด / List the provinces")
            .WithDescription("The 77 provinces of the registry, with their 2-digit codes");
        reference.MapGet("/provinces/{code}/districts", async (string code, ISender sender, CancellationToken ct) =>
            Results.Ok(await sender.Send(new ListDistrictsQuery(code), ct))).Produces<IReadOnlyList<DistrictItem>>()
                .ProducesProblem(404)
                .WithName("listDistricts").WithSummary("อำเภอ / List a province's districts")
                .WithDescription("The districts of one province (4-digit codes); 404 for an unknown province");
        reference.MapGet("/lao-types", async (ISender sender, CancellationToken ct) =>
            Results.Ok(await sender.Send(new ListLaoTypesQuery(), ct))).Produces<IReadOnlyList<LaoTypeItem>>()
            .WithName("listLaoTypes").WithSummary("ประเภท อปท. / List the LAO types")
            .WithDescription("The codes of laoType with their Thai names");
        reference.MapGet("/laos",
            async (string? provinceCode, string? districtCode, string? q, ISender sender, CancellationToken ct) =>
        {
            var rows = await sender.Send(new SearchLaosQuery(provinceCode, districtCode, q), ct);
            return Results.Ok(rows.Select(r =>
                new LaoLookupItem(r.DlaCode, r.NameTh, r.LaoType, r.ProvinceCode, r.DistrictCode)).ToList());
        }).Produces<IReadOnlyList<LaoLookupItem>>().ProducesValidationProblem()
            .WithName("searchLaos").WithSummary("ค้นหารหัส อปท. / Look up LAOs")
            .WithDescription("Look up an LAO's 7-digit code (at most 100 rows)");
    }
}
